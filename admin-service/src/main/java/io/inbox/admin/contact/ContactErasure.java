package io.inbox.admin.contact;

import io.inbox.admin.inbox.Contact;
import io.inbox.admin.inbox.InboxSession;
import io.inbox.admin.inbox.Message;
import io.inbox.admin.inbox.Notification;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.inbox.domain.queue.QueueAdminSql;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * A contact's right to erasure, in one transaction: its name, phone and WhatsApp id, the text of
 * every message of its conversations, what the ledger sent and to whom, and the webhook events that
 * carried it are replaced in place. Rows, counts and foreign keys stay; so does the fact of the
 * erasure (a CONTACT_ERASED notification naming who did it and when). Idempotent.
 */
@ApplicationScoped
public class ContactErasure {

  /** What an erased message or ledger body reads. */
  public static final String ERASED_TEXT = "[erased]";

  /** The answer: what this call replaced (all zero when the contact was already erased). */
  public record Erasure(
      long contactId, Instant erasedAt, int messages, int ledgerRows, int webhookEvents) {}

  private static final String MESSAGES_OF_CONTACT =
      """
      body = :erased, caption = null, filename = null, mediaId = null, latitude = null,
             longitude = null, locationName = null, locationAddress = null, details = null
       where conversationId in (select c.id from Conversation c where c.contactId = :contact)
         and (body <> :erased or caption is not null or filename is not null
              or mediaId is not null or latitude is not null or longitude is not null
              or locationName is not null or locationAddress is not null or details is not null)""";

  @WithTransaction
  public Uni<Erasure> erase(long id, String actor) {
    return Contact.<Contact>findById((int) id, LockModeType.PESSIMISTIC_WRITE)
        .flatMap(
            contact -> {
              if (contact == null) {
                throw Params.notFound("Contact " + id + " not found");
              }
              if (contact.erasedAt != null) {
                return Uni.createFrom()
                    .item(new Erasure(id, Times.instant(contact.erasedAt), 0, 0, 0));
              }
              return InboxSession.now().flatMap(now -> erase(contact, now, actor));
            });
  }

  private static Uni<Erasure> erase(Contact contact, LocalDateTime now, String actor) {
    String phone = pattern(contact.phone.replaceAll("\\D", ""));
    String waId = contact.waId == null ? phone : pattern(contact.waId);
    return Message.update(MESSAGES_OF_CONTACT, Map.of("erased", ERASED_TEXT, "contact", contact.id))
        .flatMap(
            messages ->
                InboxSession.execute(QueueAdminSql.ERASE_LEDGER_TEXT, contact.id)
                    .call(
                        ledger ->
                            InboxSession.execute(
                                ContactErasureSql.ERASE_ORCHESTRATOR_RUNS, contact.id))
                    .flatMap(
                        ledger ->
                            InboxSession.execute(
                                    ContactErasureSql.ERASE_WEBHOOK_EVENTS, phone, waId)
                                .map(
                                    events ->
                                        new Erasure(
                                            contact.id,
                                            Times.instant(now),
                                            messages,
                                            ledger,
                                            events))))
        .call(
            erasure -> {
              contact.name = null;
              contact.phone = "erased:" + contact.id;
              contact.waId = null;
              contact.erasedAt = now;
              contact.updatedAt = now;
              Notification note = new Notification();
              note.type = "CONTACT_ERASED";
              note.title = "Contact " + contact.id + " erased";
              note.body = "Erased by " + actor + " at " + erasure.erasedAt();
              note.createdAt = now;
              return note.persist();
            })
        .invoke(
            e ->
                Log.infof(
                    "🧹 [ADMIN] Contact %d erased by %s: %d message(s), %d ledger row(s), %d webhook event(s)",
                    e.contactId(), actor, e.messages(), e.ledgerRows(), e.webhookEvents()));
  }

  /**
   * LIKE anywhere; an empty value (a phone with no digits) matches nothing rather than everything.
   */
  private static String pattern(String value) {
    return value.isEmpty() ? "" : "%" + value.replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
