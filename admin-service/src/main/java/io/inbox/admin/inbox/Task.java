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

/** Something a person must do about a conversation (the runner opens one at a handover). */
@Entity
@DynamicUpdate
@Table(name = "Task")
public class Task extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Integer id;

  @Column(nullable = false)
  public Integer conversationId;

  @Column(nullable = false)
  public String title;

  /** OPEN or DONE. */
  @Column(nullable = false)
  public String status;

  public LocalDateTime dueAt;

  public String assignee;

  public LocalDateTime completedAt;

  public String completedBy;

  @Column(nullable = false, updatable = false)
  public LocalDateTime createdAt;

  @Column(nullable = false)
  public LocalDateTime updatedAt;
}
