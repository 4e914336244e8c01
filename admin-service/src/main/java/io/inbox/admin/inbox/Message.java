package io.inbox.admin.inbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A message in or out. Written by webhook-service (inbound, statuses) and the runner (sends);
 * admin-service reads them, erases their text, and streams an inbound file (mediaId).
 */
@Entity
@DynamicUpdate
@Table(name = "Message")
public class Message extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Integer id;

  @Column(nullable = false)
  public Integer conversationId;

  /** INBOUND or OUTBOUND. */
  @Column(nullable = false)
  public String direction;

  @Column(nullable = false)
  public String body;

  public String providerMessageId;

  @Column(nullable = false)
  public String status;

  public String error;

  public LocalDateTime statusUpdatedAt;

  /** "bot", an agent's name, or null for the customer's own messages. */
  public String author;

  public String clientMessageId;

  @Column(nullable = false, updatable = false)
  public LocalDateTime createdAt;

  /** The WhatsApp type: text, image, reaction, … ({@code text} for every message sent). */
  @Column(nullable = false)
  public String type = "text";

  /** Meta's media id: the file is fetched from the Cloud API on demand (MediaResource). */
  public String mediaId;

  public String mimeType;

  /** The file's SHA-256 as Meta sent it in the webhook (base64). */
  public String sha256;

  public String filename;

  public String caption;

  public Double latitude;

  public Double longitude;

  public String locationName;

  public String locationAddress;

  /** The provider id of the message a reaction, a reply or a button press refers to. */
  public String contextMessageId;

  /** The rest of the type's object as Meta sent it (contacts cards, interactive ids…). */
  @JdbcTypeCode(SqlTypes.JSON)
  public String details;
}
