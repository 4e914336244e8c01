package io.inbox.admin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.admin.inbox.MappingCheck.MappedColumn;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.metamodel.mapping.SelectableConsumer;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Every entity Hibernate maps in the running service, held against ProductSchema. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class EntityMappingTest {

  @Inject Mutiny.SessionFactory sessionFactory;

  @Test
  void everyMappedColumnIsInTheContractWithItsTypeAndNullability() {
    List<MappedColumn> mapped = new ArrayList<>();
    MappingMetamodel metamodel = (MappingMetamodel) sessionFactory.getMetamodel();
    metamodel.forEachEntityDescriptor(
        persister -> {
          String table = unquote(((AbstractEntityPersister) persister).getTableName());
          SelectableConsumer collect =
              (index, column) ->
                  mapped.add(
                      new MappedColumn(
                          table,
                          unquote(column.getSelectionExpression()),
                          // The SQL type meant: a JSON column read as text reports VARCHAR as
                          // its binding code and JSON as this one.
                          column.getJdbcMapping().getJdbcType().getDefaultSqlTypeCode(),
                          column.getJdbcMapping().getJdbcJavaType().getJavaTypeClass(),
                          column.isNullable()));
          persister.getIdentifierMapping().forEachSelectable(collect);
          persister.forEachSelectable(collect);
        });

    assertEquals(
        new TreeSet<>(
            List.of("Contact", "Conversation", "Lead", "Message", "Notification", "Task")),
        new TreeSet<>(mapped.stream().map(MappedColumn::table).toList()),
        "the inbox model");
    assertEquals(List.of(), MappingCheck.problems(mapped, ProductSchema.CONTRACT));
  }

  private static String unquote(String name) {
    return name.replace("\"", "");
  }
}
