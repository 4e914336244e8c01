package io.inbox.admin.contact;

import io.inbox.admin.contact.ContactErasure.Erasure;
import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Contacts: erasure on request. */
@Path("/api/admin/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

  private final ContactErasure erasure;
  private final AdminActor actor;

  public ContactResource(ContactErasure erasure, AdminActor actor) {
    this.erasure = erasure;
    this.actor = actor;
  }

  @POST
  @Path("/{id}/erase")
  public Uni<Erasure> erase(@PathParam("id") String id) {
    return erasure.erase(Params.id(id, "id"), actor.name());
  }
}
