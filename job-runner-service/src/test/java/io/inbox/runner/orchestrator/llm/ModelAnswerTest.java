package io.inbox.runner.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelAnswerTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"reply\":\"Hi Ada\",\"handover\":false,\"reason\":\"greeting\"}|Hi Ada|false|greeting",
        "{\"reply\":\"  A person will call  \",\"handover\":true,\"reason\":\"angry\"}|A person will call|true|angry",
        "{\"reply\":\"Hi\",\"handover\":false}|Hi|false|",
        "{\"reply\":\"Hi\",\"handover\":false,\"reason\":null}|Hi|false|",
        "```{\"reply\":\"Hi\",\"handover\":false,\"reason\":\"r\"}```|Hi|false|r",
        " {\"reply\":\"Hi\",\"handover\":false,\"reason\":\"r\",\"extra\":1} |Hi|false|r",
      })
  void validAnswers(String text, String reply, boolean handover, String reason) {
    assertEquals(Optional.of(new ModelAnswer(reply, handover, reason)), ModelAnswer.parse(text));
  }

  @org.junit.jupiter.api.Test
  void aMarkdownFenceAroundTheObjectIsAccepted() {
    assertEquals(
        Optional.of(new ModelAnswer("Hi", true, "r")),
        ModelAnswer.parse("```json\n{\"reply\":\"Hi\",\"handover\":true,\"reason\":\"r\"}\n```"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Sure! Here is my answer",
        "[]",
        "\"just a string\"",
        "{\"reply\":\"Hi\"}",
        "{\"handover\":false}",
        "{\"reply\":\"\",\"handover\":false}",
        "{\"reply\":\"   \",\"handover\":true}",
        "{\"reply\":42,\"handover\":false}",
        "{\"reply\":\"Hi\",\"handover\":\"false\"}",
        "{\"reply\":\"Hi\",\"handover\":false,\"reason\":{\"a\":1}}",
        "{\"reply\":\"Hi\",\"handover\":false} and more",
        "{\"reply\":\"Hi\",\"handover\":false",
        "```",
        "``````",
      })
  void invalidAnswers(String text) {
    assertEquals(Optional.empty(), ModelAnswer.parse(text));
  }

  @org.junit.jupiter.api.Test
  void noTextIsInvalid() {
    assertEquals(Optional.empty(), ModelAnswer.parse(null));
  }
}
