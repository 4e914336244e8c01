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

/** An alert for operators: read, or snoozed until a time. */
@Entity
@DynamicUpdate
@Table(name = "Notification")
public class Notification extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Integer id;

  public Integer conversationId;

  @Column(nullable = false)
  public String type;

  @Column(nullable = false)
  public String title;

  public String body;

  public LocalDateTime readAt;

  public LocalDateTime snoozedUntil;

  @Column(nullable = false, updatable = false)
  public LocalDateTime createdAt;
}
