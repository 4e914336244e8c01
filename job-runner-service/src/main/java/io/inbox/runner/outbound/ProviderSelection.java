package io.inbox.runner.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Chooses the provider from {@code whatsapp.provider}. Production never falls back to the sandbox
 * silently: the cloud provider without credentials refuses to start.
 */
public class ProviderSelection {

  /** Created at start, so a misconfigured provider fails the start, not the first send. */
  @Produces
  @Singleton
  @Startup
  MessageProvider provider(WhatsAppSettings settings, @RestClient CloudApi api, ObjectMapper json) {
    switch (settings.provider()) {
      case "sandbox":
        return new SandboxProvider();
      case "cloud":
        if (LaunchMode.current() == LaunchMode.NORMAL
            && (settings.token().filter(t -> !t.isBlank()).isEmpty()
                || settings.phoneNumberId().filter(t -> !t.isBlank()).isEmpty())) {
          throw new IllegalStateException(
              "WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID must be set to send through the WhatsApp"
                  + " Cloud API (or set WHATSAPP_PROVIDER=sandbox to send nothing, for local runs).");
        }
        return new CloudApiProvider(api, settings, json);
      default:
        throw new IllegalStateException(
            "WHATSAPP_PROVIDER must be cloud or sandbox, not \"" + settings.provider() + "\"");
    }
  }
}
