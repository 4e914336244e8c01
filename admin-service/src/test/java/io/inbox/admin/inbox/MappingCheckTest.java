package io.inbox.admin.inbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.inbox.MappingCheck.MappedColumn;
import io.inbox.domain.schema.ProductSchema;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison itself, on mappings made wrong on purpose: each mistake is reported. */
class MappingCheckTest {

  /** Lead mapped exactly as the contract has it. */
  private static List<MappedColumn> lead() {
    return new ArrayList<>(
        List.of(
            new MappedColumn("Lead", "id", Types.INTEGER, Integer.class, false),
            new MappedColumn("Lead", "contactId", Types.INTEGER, Integer.class, false),
            new MappedColumn("Lead", "status", Types.VARCHAR, String.class, false),
            new MappedColumn("Lead", "source", Types.VARCHAR, String.class, true),
            new MappedColumn("Lead", "createdAt", Types.TIMESTAMP, LocalDateTime.class, false),
            new MappedColumn("Lead", "updatedAt", Types.TIMESTAMP, LocalDateTime.class, false)));
  }

  @Test
  void aFaithfulMappingHasNoProblem() {
    assertEquals(List.of(), MappingCheck.problems(lead(), ProductSchema.CONTRACT));
  }

  @Test
  void everyKindOfMistakeIsReported() {
    List<MappedColumn> wrong = lead();
    wrong.set(1, new MappedColumn("Lead", "contactId", Types.BIGINT, Long.class, false));
    wrong.set(2, new MappedColumn("Lead", "status", Types.VARCHAR, String.class, true));
    wrong.set(3, new MappedColumn("Lead", "source", Types.VARCHAR, String.class, false));
    wrong.set(4, new MappedColumn("Lead", "createdAt", Types.TIMESTAMP, Instant.class, false));
    wrong.remove(5);
    wrong.add(new MappedColumn("Lead", "score", Types.INTEGER, Integer.class, true));
    wrong.add(new MappedColumn("Leads", "id", Types.INTEGER, Integer.class, false));

    assertThat(
        MappingCheck.problems(wrong, ProductSchema.CONTRACT),
        containsInAnyOrder(
            "Lead.contactId: mapped as JDBC type -5 but the column is integer",
            "Lead.status: NOT NULL in the schema but nullable in the entity",
            "Lead.source: nullable in the schema but non-null in the entity",
            "Lead.createdAt: read as Instant; UTC without zone needs LocalDateTime",
            "Lead.updatedAt: in ProductSchema but not mapped",
            "Lead.score: no such column in ProductSchema",
            "Leads: no such table in ProductSchema"));
  }
}
