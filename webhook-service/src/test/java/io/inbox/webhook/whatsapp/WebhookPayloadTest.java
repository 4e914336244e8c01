package io.inbox.webhook.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.webhook.whatsapp.WebhookPayload.InboundMessage;
import io.inbox.webhook.whatsapp.WebhookPayload.StatusUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  /** Two deliveries locking the same customers' rows in opposite order would deadlock. */
  @Test
  void itemsAreTakenInLockOrderByCustomerThenAsMetaListedThem() throws Exception {
    WebhookPayload payload =
        read(
            """
            {"entry":[{"changes":[{"value":{
              "messages":[
                {"from":"2602","id":"m1","type":"text","text":{"body":"a"}},
                {"from":"2601","id":"m2","type":"text","text":{"body":"b"}},
                {"from":"2602","id":"m3","type":"text","text":{"body":"c"}},
                {"from":"2601","id":"m0","type":"text","text":{"body":"d"}}],
              "statuses":[{"id":"wamid.B","status":"read"},{"id":"wamid.A","status":"sent"},
                          {"id":"wamid.B","status":"delivered"}]}}]}]}
            """);

    assertEquals(
        List.of("m2", "m0", "m1", "m3"),
        payload.messagesInLockOrder().stream().map(InboundMessage::providerMessageId).toList());
    assertEquals(
        List.of("wamid.A:sent", "wamid.B:read", "wamid.B:delivered"),
        payload.statusesInLockOrder().stream()
            .map(s -> s.providerMessageId() + ":" + s.status())
            .toList());
  }

  @Test
  void everyGoodItemIsReadAndEveryBadOneIsListedWithWhereItSat() throws Exception {
    WebhookPayload payload =
        read(
            """
            {"entry":[
              {"changes":[
                {"value":{"messages":[
                  {"from":"111","id":"wamid.1","type":"text","text":{"body":"a"}},
                  {"id":"wamid.nofrom","type":"text"}]}},
                {"value":{"messages":{},
                          "statuses":[{"status":"read"},{"id":"wamid.out","status":"read"},{"id":"wamid.x"}]}}]},
              5,
              {"changes":[
                {"value":{"contacts":"x","messages":[
                  "x",
                  {"from":"222","id":"wamid.2","type":"image"},
                  {"from":"333"}]}},
                {"value":[]},
                null]},
              {"changes":{}}]}
            """);

    assertEquals(
        List.of("wamid.1", "wamid.2"),
        payload.messages().stream().map(InboundMessage::providerMessageId).toList());
    assertEquals(
        List.of("wamid.out"),
        payload.statuses().stream().map(StatusUpdate::providerMessageId).toList());
    assertEquals(
        List.of(
            "entry[0].changes[0].messages[1]: no \"from\"",
            "entry[0].changes[1].messages: not an array",
            "entry[0].changes[1].statuses[0]: no \"id\"",
            "entry[0].changes[1].statuses[2]: no \"status\"",
            "entry[1]: not an object",
            "entry[2].changes[0].contacts: not an array",
            "entry[2].changes[0].messages[0]: not an object",
            "entry[2].changes[0].messages[2]: no \"id\"",
            "entry[2].changes[1].value: not an object",
            "entry[2].changes[2]: not an object",
            "entry[3].changes: not an array"),
        payload.rejected().stream().map(RejectedItem::toString).toList());
    assertEquals("missing_from", payload.rejected().get(0).reason());
  }

  @Test
  void aTimestampMoreThanFiveMinutesAheadIsTakenAsNow() throws Exception {
    assertEquals(utc(NOW), sentAt(NOW.plus(Duration.ofMinutes(6)).getEpochSecond()));
    assertEquals(utc(NOW), sentAt(NOW.plus(Duration.ofDays(3650)).getEpochSecond()));
    assertEquals(utc(NOW), sentAt(99_999_999_999_999_999L));
    assertEquals(utc(NOW), sentAt(-5));
    Instant skewed = NOW.plus(Duration.ofMinutes(4));
    assertEquals(utc(skewed), sentAt(skewed.getEpochSecond()));
    Instant past = NOW.minus(Duration.ofHours(2));
    assertEquals(utc(past), sentAt(past.getEpochSecond()));
  }

  @Test
  void theSkewLimitAndTheEpochAreBoundaries() throws Exception {
    Instant limit = NOW.plus(Duration.ofMinutes(5));
    assertEquals(utc(limit), sentAt(limit.getEpochSecond()));
    assertEquals(utc(NOW), sentAt(limit.getEpochSecond() + 1));
    assertEquals(utc(NOW), sentAt(0));
    assertEquals(utc(Instant.ofEpochSecond(1)), sentAt(1));
  }

  @Test
  void aNumericTimestampIsReadAsANumberAndAnUnreadableOneIsNow() throws Exception {
    Instant past = NOW.minus(Duration.ofHours(1));
    assertEquals(utc(past), sentAtJson(Long.toString(past.getEpochSecond())));
    assertEquals(utc(past), sentAtJson(past.getEpochSecond() + ".0"));
    assertEquals(utc(NOW), sentAtJson("\"soon\""));
    assertEquals(utc(NOW), sentAtJson("null"));
  }

  @Test
  void contactNamesStatusErrorsAndPhonesAreRead() throws Exception {
    WebhookPayload payload =
        read(
            """
            {"entry":[{"changes":[{"value":{
              "contacts":[{"wa_id":"111","profile":{"name":"Ana"}},"x",{"wa_id":"222"}],
              "messages":[
                {"from":"111","id":"wamid.1","type":"text","text":{"body":"hi"}},
                {"from":"+222","id":"wamid.2","type":"text","text":{"body":"yo"}}],
              "statuses":[
                {"id":"wamid.out1","status":"failed",
                 "errors":[{"code":131047,"title":"Re-engagement message"}],
                 "biz_opaque_callback_data":"job-7"},
                {"id":"wamid.out2","status":"failed","errors":[{}]},
                {"id":"wamid.out3","status":"delivered"}]}}]}]}
            """);
    InboundMessage ana = payload.messages().get(0);
    assertEquals("Ana", ana.contactName());
    assertEquals("+111", ana.phone());
    assertEquals("hi", ana.body());
    assertEquals(null, payload.messages().get(1).contactName());
    assertEquals("+222", payload.messages().get(1).phone());
    assertEquals(
        List.of(
            new StatusUpdate("wamid.out1", "failed", "131047 Re-engagement message", "job-7"),
            new StatusUpdate("wamid.out2", "failed", "?", null),
            new StatusUpdate("wamid.out3", "delivered", null, null)),
        payload.statuses());
    assertEquals(
        List.of("entry[0].changes[0].contacts[1]: not an object"),
        payload.rejected().stream().map(RejectedItem::toString).toList());
  }

  @Test
  void aMessageWhoseTypeObjectHasTheWrongShapeIsRejectedAloneAndItsNeighboursAreRead()
      throws Exception {
    WebhookPayload payload =
        read(
            """
            {"entry":[{"changes":[{"value":{"messages":[
              {"from":"111","id":"wamid.bad","type":"image","image":"not an object"},
              {"from":"111","id":"wamid.pic","type":"image","image":{"id":"m1","caption":"Hi"}},
              {"from":"111","id":"wamid.like","type":"reaction",
               "reaction":{"message_id":"wamid.pic","emoji":"x"}}]}}]}]}
            """);
    assertEquals(
        List.of("image|Hi|m1", "reaction|x|null"),
        payload.messages().stream()
            .map(m -> m.content().type() + "|" + m.body() + "|" + m.content().mediaId())
            .toList());
    assertEquals(
        List.of("entry[0].changes[0].messages[0]: \"image\" has the wrong shape"),
        payload.rejected().stream().map(RejectedItem::toString).toList());
    assertEquals("malformed_type", payload.rejected().get(0).reason());
  }

  private static LocalDateTime sentAtJson(String timestamp) throws Exception {
    return read("""
            {"entry":[{"changes":[{"value":{"messages":[
              {"from":"111","id":"wamid.t","timestamp":%s,"type":"text"}]}}]}]}
            """
            .formatted(timestamp))
        .messages()
        .get(0)
        .sentAt();
  }

  private static LocalDateTime sentAt(long epochSecond) throws Exception {
    return read("""
            {"entry":[{"changes":[{"value":{"messages":[
              {"from":"111","id":"wamid.t","timestamp":"%d","type":"text"}]}}]}]}
            """
            .formatted(epochSecond))
        .messages()
        .get(0)
        .sentAt();
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static WebhookPayload read(String json) throws Exception {
    JsonNode root = new ObjectMapper().readTree(json);
    return WebhookPayload.from(root, NOW);
  }
}
