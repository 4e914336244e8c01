package io.inbox.runner.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.domain.channel.ChannelTokens;
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

  /** The seeded default channel's tokenRef. */
  private static final String DEFAULT_TOKEN_REF = "WHATSAPP_TOKEN";

  /** Created at start, so a misconfigured provider fails the start, not the first send. */
  @Produces
  @Singleton
  @Startup
  MessageProvider provider(
      WhatsAppSettings settings,
      ChannelTokens tokens,
      @RestClient CloudApi api,
      ObjectMapper json) {
    switch (settings.provider()) {
      case "sandbox":
        return new SandboxProvider();
      case "cloud":
        // The default number's token may be the variable or a file of its name in
        // WHATSAPP_TOKEN_DIR (a mounted Secret), as every channel's.
        boolean token =
            settings.token().filter(t -> !t.isBlank()).isPresent()
                || tokens.token(DEFAULT_TOKEN_REF).isPresent();
        if (LaunchMode.current() == LaunchMode.NORMAL
            && (!token || settings.phoneNumberId().filter(t -> !t.isBlank()).isEmpty())) {
          throw new IllegalStateException(
              "WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID must be set to send through the WhatsApp"
                  + " Cloud API (the token may also be a WHATSAPP_TOKEN file in WHATSAPP_TOKEN_DIR;"
                  + " or set WHATSAPP_PROVIDER=sandbox to send nothing, for local runs).");
        }
        return new CloudApiProvider(api, settings, json);
      default:
        throw new IllegalStateException(
            "WHATSAPP_PROVIDER must be cloud or sandbox, not \"" + settings.provider() + "\"");
    }
  }
}
