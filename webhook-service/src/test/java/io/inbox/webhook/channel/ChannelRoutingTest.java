package io.inbox.webhook.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.webhook.channel.ChannelRouting.Route;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelRoutingTest {

  private static final Map<String, Long> SALES = Map.of("222", 7L);

  @Test
  void aClaimedNumberGoesToItsChannel() {
    ChannelRouting routing = new ChannelRouting(SALES, 1L, Optional.of("111"));
    assertEquals(Optional.of(new Route(7, false)), routing.route("222"));
  }

  @Test
  void theConfiguredDefaultNumberAndADeliveryWithoutNumberGoToTheDefaultChannel() {
    ChannelRouting routing = new ChannelRouting(SALES, 1L, Optional.of("111"));
    assertEquals(Optional.of(new Route(1, true)), routing.route("111"));
    assertEquals(Optional.of(new Route(1, true)), routing.route(null));
  }

  @Test
  void anotherNumberIsUnknownOnceTheDefaultNumberIsConfigured() {
    assertEquals(Optional.empty(), new ChannelRouting(SALES, 1L, Optional.of("111")).route("999"));
  }

  @Test
  void withoutAConfiguredDefaultNumberTheDefaultChannelTakesEveryUnclaimedNumber() {
    assertEquals(
        Optional.of(new Route(1, true)),
        new ChannelRouting(SALES, 1L, Optional.empty()).route("999"));
  }

  @Test
  void withoutAnActiveDefaultChannelUnclaimedNumbersAreUnknown() {
    ChannelRouting routing = new ChannelRouting(SALES, null, Optional.empty());
    assertEquals(Optional.empty(), routing.route("999"));
    assertEquals(Optional.empty(), routing.route(null));
    assertEquals(Optional.of(new Route(7, false)), routing.route("222"));
  }

  @Test
  void aDefaultChannelWithItsOwnNumberIsStillTheDefault() {
    ChannelRouting routing = new ChannelRouting(Map.of("111", 1L), 1L, Optional.empty());
    assertEquals(Optional.of(new Route(1, true)), routing.route("111"));
  }
}
