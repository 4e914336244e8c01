package io.inbox.domain.schema;

import static io.inbox.domain.schema.SchemaContract.DeleteRule.RESTRICT;
import static io.inbox.domain.schema.SchemaContract.DeleteRule.SET_NULL;

import io.inbox.domain.queue.JobStatus;
import io.inbox.domain.queue.LedgerStatus;

/**
 * The expected schema: the single source of truth that schema-guard verifies and the services'
 * readiness checks read. schema-guard's {@code FreshDatabaseMatchesContractTest} migrates an empty
 * database and demands an exact match, so this file and the migrations cannot drift apart: change
 * both in the same commit.
 */
public final class ProductSchema {

  static final String INT = "integer";
  static final String TEXT = "text";
  static final String TS = "timestamp(3)";
  static final String BOOL = "boolean";
  static final String JSONB = "jsonb";

  public static final SchemaContract CONTRACT =
      SchemaContract.builder()
          .table("Contact")
          .notNull("id", INT)
          .notNull("phone", TEXT)
          .nullable("waId", TEXT)
          .nullable("name", TEXT)
          .notNull("createdAt", TS)
          .notNull("updatedAt", TS)
          .unique("Contact_phone_key", "phone")
          .table("Lead")
          .notNull("id", INT)
          .notNull("contactId", INT)
          .notNull("status", TEXT)
          .nullable("source", TEXT)
          .notNull("createdAt", TS)
          .notNull("updatedAt", TS)
          .index("Lead_contactId_idx", "contactId")
          .references("contactId", "Contact", RESTRICT)
          .table("Conversation")
          .notNull("id", INT)
          .notNull("contactId", INT)
          .nullable("leadId", INT)
          .notNull("channel", TEXT)
          .notNull("status", TEXT)
          .nullable("lastInboundAt", TS)
          .nullable("lastReadAt", TS)
          .nullable("deletedAt", TS)
          .notNull("createdAt", TS)
          .notNull("updatedAt", TS)
          .index("Conversation_contactId_idx", "contactId")
          .index("Conversation_deletedAt_idx", "deletedAt")
          .references("contactId", "Contact", RESTRICT)
          .references("leadId", "Lead", SET_NULL)
          .check("status", "ACTIVE", "HANDOVER", "CLOSED")
          .table("Message")
          .notNull("id", INT)
          .notNull("conversationId", INT)
          .notNull("direction", TEXT)
          .notNull("body", TEXT)
          .nullable("providerMessageId", TEXT)
          .notNull("status", TEXT)
          .nullable("error", TEXT)
          .nullable("statusUpdatedAt", TS)
          .notNull("createdAt", TS)
          .unique("Message_providerMessageId_key", "providerMessageId")
          .index("Message_conversationId_createdAt_idx", "conversationId", "createdAt")
          .references("conversationId", "Conversation", RESTRICT)
          .check("direction", "INBOUND", "OUTBOUND")
          // RECEIVED (inbound), SENT (the runner's reply), Meta's later statuses upper-cased by
          // webhook-service; PENDING is kept for an outbound row written before its send.
          .check("status", "RECEIVED", "PENDING", "SENT", "DELIVERED", "READ", "FAILED")
          .table("OutboundJob")
          .notNull("id", INT)
          .notNull("conversationId", INT)
          .nullable("inboundMessageId", INT)
          .notNull("inboundProviderMessageId", TEXT)
          .notNull("status", TEXT)
          .notNull("attempts", INT)
          .notNull("maxAttempts", INT)
          .nullable("lastError", TEXT)
          .notNull("runAt", TS)
          .nullable("lockedAt", TS)
          .nullable("lockedBy", TEXT)
          .notNull("leaseEpoch", INT)
          .notNull("createdAt", TS)
          .notNull("updatedAt", TS)
          .unique("OutboundJob_inboundProviderMessageId_key", "inboundProviderMessageId")
          .index("OutboundJob_status_runAt_idx", "status", "runAt")
          .index("OutboundJob_conversationId_idx", "conversationId")
          .references("conversationId", "Conversation", RESTRICT)
          .references("inboundMessageId", "Message", RESTRICT)
          .check("status", JobStatus.class)
          .table("OutboundMessageLog")
          .notNull("id", INT)
          .notNull("conversationId", INT)
          .nullable("outboundJobId", INT)
          .notNull("dedupeKey", TEXT)
          .notNull("status", TEXT)
          .nullable("recipient", TEXT)
          .nullable("body", TEXT)
          .nullable("providerMessageId", TEXT)
          .nullable("error", TEXT)
          .notNull("attempts", INT)
          .nullable("lastAttemptAt", TS)
          .notNull("createdAt", TS)
          .notNull("updatedAt", TS)
          .unique("OutboundMessageLog_dedupeKey_key", "dedupeKey")
          .index("OutboundMessageLog_conversationId_idx", "conversationId")
          .index("OutboundMessageLog_providerMessageId_idx", "providerMessageId")
          .references("conversationId", "Conversation", RESTRICT)
          .references("outboundJobId", "OutboundJob", RESTRICT)
          .check("status", LedgerStatus.class)
          .table("Task")
          .notNull("id", INT)
          .notNull("conversationId", INT)
          .notNull("title", TEXT)
          .notNull("status", TEXT)
          .nullable("dueAt", TS)
          .notNull("createdAt", TS)
          .notNull("updatedAt", TS)
          .index("Task_conversationId_idx", "conversationId")
          .references("conversationId", "Conversation", RESTRICT)
          // OPEN: the runner's handover task; DONE: a task a person closed.
          .check("status", "OPEN", "DONE")
          .table("Notification")
          .notNull("id", INT)
          .nullable("conversationId", INT)
          .notNull("type", TEXT)
          .notNull("title", TEXT)
          .nullable("body", TEXT)
          .nullable("readAt", TS)
          .nullable("snoozedUntil", TS)
          .notNull("createdAt", TS)
          .index("Notification_snoozedUntil_idx", "snoozedUntil")
          .index("Notification_conversationId_idx", "conversationId")
          .references("conversationId", "Conversation", SET_NULL)
          .table("WebhookEvent")
          .notNull("id", INT)
          .notNull("receivedAt", TS)
          .nullable("requestId", TEXT)
          .notNull("signatureValid", BOOL)
          .nullable("payload", JSONB)
          .nullable("rawBody", TEXT)
          .nullable("processedAt", TS)
          .nullable("error", TEXT)
          .index("WebhookEvent_receivedAt_idx", "receivedAt")
          .build();

  private ProductSchema() {}
}
