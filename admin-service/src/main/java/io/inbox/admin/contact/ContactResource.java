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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Contacts: erasure on request. */
@Path("/api/admin/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "The right to erasure")
public class ContactResource {

  private final ContactErasure erasure;
  private final AdminActor actor;

  public ContactResource(ContactErasure erasure, AdminActor actor) {
    this.erasure = erasure;
    this.actor = actor;
  }

  @POST
  @Path("/{id}/erase")
  @Operation(
      summary = "Erase a contact",
      description =
          "In one transaction: the contact's name, phone (`erased:<id>`) and WhatsApp id, the text"
              + " of its messages and ledger rows, and the webhook events that carried its number"
              + " are replaced; rows and foreign keys stay, and a CONTACT_ERASED notification"
              + " records who did it and when. Idempotent: a second call answers zero counts.")
  @APIResponse(responseCode = "200", description = "What this call replaced")
  @APIResponse(responseCode = "400", description = "`id` not a positive integer")
  @APIResponse(responseCode = "404", description = "No such contact")
  public Uni<Erasure> erase(
      @Parameter(description = "The contact's id (a positive integer)") @PathParam("id")
          String id) {
    return erasure.erase(Params.id(id, "id"), actor.name());
  }
}
