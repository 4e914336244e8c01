package io.inbox.admin.inbox;

import io.inbox.domain.inbox.ConversationMode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.hibernate.annotations.DynamicUpdate;

/** One customer's thread on one channel; who answers it is its {@link #mode}. */
@Entity
@DynamicUpdate
@Table(name = "Conversation")
public class Conversation extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Integer id;

  @Column(nullable = false)
  public Integer contactId;

  public Integer leadId;

  @Column(nullable = false)
  public String channel;

  /** ACTIVE, HANDOVER or CLOSED. */
  @Column(nullable = false)
  public String status;

  public LocalDateTime lastInboundAt;

  public LocalDateTime lastReadAt;

  public LocalDateTime deletedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ConversationMode mode;

  public LocalDateTime modeChangedAt;

  public String modeChangedBy;

  public String assignee;

  /** The business number (Channel) it belongs to; null: the default channel. Never set here. */
  @Column(insertable = false, updatable = false)
  public Integer channelId;

  /** Moved by the runner's sends (Meta's pair limit); never written here. */
  @Column(insertable = false, updatable = false)
  public LocalDateTime lastOutboundAt;

  @Column(nullable = false, updatable = false)
  public LocalDateTime createdAt;

  @Column(nullable = false)
  public LocalDateTime updatedAt;
}
