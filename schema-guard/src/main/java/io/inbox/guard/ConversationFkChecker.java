package io.inbox.guard;

import io.agroal.api.AgroalDataSource;
import io.inbox.domain.schema.ConversationFkReport;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.sql.TextRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** {@code verify-fks}: the runbook's foreign-key report for one conversation. */
@ApplicationScoped
public class ConversationFkChecker {

  // Instance: with no URL configured the datasource is inactive, and GuardMain says so before use.
  private final Instance<AgroalDataSource> dataSource;
  private final Config config;

  public ConversationFkChecker(Instance<AgroalDataSource> dataSource, Config config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  public int check(List<String> options, PrintStream out) throws SQLException {
    Optional<String> raw = conversationId(options);
    if (raw.isEmpty()) {
      System.err.println(
          "❌ Which conversation? Pass --conversation-id N or set CONVERSATION_ID=N.");
      return GuardMain.CANNOT_RUN;
    }
    long id;
    try {
      id = Long.parseLong(raw.get().strip());
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id <= 0) {
      System.err.println(
          "❌ Conversation id must be a positive whole number, got \"" + raw.get() + "\".");
      return GuardMain.CANNOT_RUN;
    }
    ConversationFkReport report;
    try (Connection connection = dataSource.get().getConnection()) {
      report =
          ConversationFkReport.fromRows(
              ProductSchema.CONTRACT,
              id,
              TextRows.query(connection, ConversationFkReport.query(ProductSchema.CONTRACT, id)));
    }
    report.lines().forEach(out::println);
    return report.exists() && report.allConstraintsPresent() ? GuardMain.OK : GuardMain.DRIFT;
  }

  private Optional<String> conversationId(List<String> options) {
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (option.startsWith("--conversation-id=")) {
        return Optional.of(option.substring("--conversation-id=".length()));
      }
      if (option.equals("--conversation-id") && i + 1 < options.size()) {
        return Optional.of(options.get(i + 1));
      }
    }
    return config.getOptionalValue("CONVERSATION_ID", String.class);
  }
}
