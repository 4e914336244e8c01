package io.inbox.domain.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void neonUrlGivesUserPasswordPortDatabaseAndSslMode() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://inbox_owner:s3cr3t@ep-cool-1.eu-central-1.aws.neon.tech:6543/inbox?sslmode=require");
    assertEquals("inbox_owner", url.user());
    assertEquals("s3cr3t", url.password());
    assertEquals("ep-cool-1.eu-central-1.aws.neon.tech", url.host());
    assertEquals(6543, url.port());
    assertEquals("inbox", url.database());
    assertEquals(
        "jdbc:postgresql://ep-cool-1.eu-central-1.aws.neon.tech:6543/inbox?sslmode=require",
        url.jdbcUrl());
    assertEquals(
        "postgresql://ep-cool-1.eu-central-1.aws.neon.tech:6543/inbox?sslmode=require",
        url.reactiveUrl());
  }

  @Test
  void percentEncodedPasswordIsDecoded() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app:p%40ss%3Aw%2Frd%25+x@db.local/app");
    assertEquals("p@ss:w/rd%+x", url.password());
    assertEquals(5432, url.port());
  }

  @Test
  void prismaOnlyParametersAreDroppedAndNoCredentialsLeakIntoUrls() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://u:pw@pooler.supabase.com:6543/postgres?pgbouncer=true&connection_limit=1");
    assertEquals("jdbc:postgresql://pooler.supabase.com:6543/postgres", url.jdbcUrl());
    assertNull(url.sslMode());
    assertFalse(url.toString().contains("pw"));
  }

  @Test
  void prismaSchemaBecomesEachClientsSchemaParameter() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://u:p@db.example:5432/app?schema=inbox&sslmode=require");
    assertEquals(
        "jdbc:postgresql://db.example:5432/app?sslmode=require&currentSchema=inbox", url.jdbcUrl());
    assertEquals(
        "postgresql://db.example:5432/app?sslmode=require&search_path=inbox", url.reactiveUrl());
    assertEquals(
        "jdbc:postgresql://h:5432/db?currentSchema=inbox_2",
        DatabaseUrl.parse("postgresql://h/db?schema=inbox_2").jdbcUrl());
  }

  @Test
  void aSchemaThatIsNotASimpleNameIsRefused() {
    for (String schema :
        new String[] {"Inbox", "my-schema", "%22inbox%22", "1st", "a,public", ""}) {
      String message =
          assertThrows(
                  IllegalArgumentException.class,
                  () -> DatabaseUrl.parse("postgresql://h/db?schema=" + schema),
                  schema)
              .getMessage();
      assertTrue(message.contains("is not a simple schema name"), message);
    }
  }

  @Test
  void jdbcPrefixAndMissingUserAreAccepted() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test");
    assertTrue(url.userName().isEmpty());
    assertEquals("127.0.0.1:5432/test", url.describe());
  }

  @Test
  void aUserWithoutPasswordAndAParameterWithoutValueAreAccepted() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app@db.local/app?pgbouncer&sslmode=require");
    assertEquals("app", url.userName().orElseThrow());
    assertTrue(url.passwordValue().isEmpty());
    assertEquals("require", url.sslModeValue().orElseThrow());
    assertTrue(url.schemaName().isEmpty());
    assertEquals("app@db.local:5432/app", url.toString());
    assertEquals("inbox", DatabaseUrl.parse("postgresql://h/db?schema=inbox").schemaName().get());
  }

  @Test
  void anIpv6HostIsBracketedOnce() {
    assertEquals(
        "jdbc:postgresql://[::1]:5432/db",
        new DatabaseUrl("::1", 5432, "db", null, null, null, null).jdbcUrl());
    assertEquals(
        "postgresql://[::1]:5433/db",
        DatabaseUrl.parse("postgresql://[::1]:5433/db").reactiveUrl());
  }

  @Test
  void badUrlsSayWhatIsWrongWithoutThePassword() {
    assertEquals(
        "the scheme must be postgresql:// or postgres://",
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://u:pw@h/db"))
            .getMessage());
    assertEquals(
        "it names no database (…:5432/<database>)",
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgresql://h:1/"))
            .getMessage());
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgresql://u:p w{secret@h/db"))
            .getMessage();
    assertFalse(message.contains("secret"), message);
    assertThrows(
        IllegalArgumentException.class, () -> DatabaseUrl.parse("postgresql://h/db?sslmode=on"));
  }

  @Test
  void configSourceMapsTheUrlToQuarkusDatasourceSettings() {
    Map<String, String> props =
        DatabaseUrlConfigSourceFactory.properties(
            "DIRECT_URL", "postgresql://u:p%40w@h:5433/db?sslmode=require", true);
    assertEquals(
        "jdbc:postgresql://h:5433/db?sslmode=require", props.get("quarkus.datasource.jdbc.url"));
    assertEquals(
        "postgresql://h:5433/db?sslmode=require", props.get("quarkus.datasource.reactive.url"));
    assertEquals("u", props.get("quarkus.datasource.username"));
    assertEquals("p@w", props.get("quarkus.datasource.password"));
    assertEquals("true", props.get("quarkus.datasource.reactive.trust-all"));
    assertEquals("DIRECT_URL", props.get(DatabaseUrlConfigSourceFactory.SOURCE_PROPERTY));
  }

  @Test
  void aModuleWithoutJdbcGetsTheReactiveSettingsOnly() {
    Map<String, String> props =
        DatabaseUrlConfigSourceFactory.properties(
            "DATABASE_URL", "postgresql://u:pw@h:5433/db?sslmode=require", false);
    assertEquals(
        "postgresql://h:5433/db?sslmode=require", props.get("quarkus.datasource.reactive.url"));
    assertEquals("u", props.get("quarkus.datasource.username"));
    assertNull(props.get("quarkus.datasource.jdbc.url"));
  }

  @Test
  void configSourceReportsAnUnusableUrlInsteadOfFailingTheStart() {
    Map<String, String> props =
        DatabaseUrlConfigSourceFactory.properties("DATABASE_URL", "http://u:pw@h/db", true);
    assertEquals(
        "DATABASE_URL is not a valid PostgreSQL URL: the scheme must be postgresql:// or postgres://",
        props.get(DatabaseUrlConfigSourceFactory.ERROR_PROPERTY));
    assertNull(props.get("quarkus.datasource.jdbc.url"));
  }
}
