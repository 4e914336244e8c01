/**
 * The inbox model mapped with Hibernate Reactive Panache: what agents read and change (contacts,
 * conversations, messages, tasks, notifications, leads). Hibernate never creates or alters a table:
 * the schema is schema-guard's, and {@code EntityMappingTest} holds these classes against {@code
 * ProductSchema}. Foreign keys are plain id columns: a reactive session cannot load a lazy
 * association behind the caller's back, so every query says what it joins.
 *
 * <p>Every entity is {@code @DynamicUpdate}: an UPDATE names only the columns this service changed,
 * so it never writes back a stale {@code lastInboundAt} or {@code status} that webhook-service or
 * the runner changed meanwhile.
 *
 * <p>Timestamps are {@link java.time.LocalDateTime} in UTC, as Prisma wrote them ({@code
 * TIMESTAMP(3)} without zone): no zone conversion happens between the JVM and the column.
 */
package io.inbox.admin.inbox;
