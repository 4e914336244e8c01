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

/**
 * A message in or out. Written by webhook-service (inbound, statuses) and the runner (sends);
 * admin-service reads them and erases their text.
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
}
