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

/** A sales lead raised from a contact. */
@Entity
@DynamicUpdate
@Table(name = "Lead")
public class Lead extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Integer id;

  @Column(nullable = false)
  public Integer contactId;

  @Column(nullable = false)
  public String status;

  public String source;

  @Column(nullable = false, updatable = false)
  public LocalDateTime createdAt;

  @Column(nullable = false)
  public LocalDateTime updatedAt;
}
