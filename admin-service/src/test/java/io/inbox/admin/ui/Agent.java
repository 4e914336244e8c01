package io.inbox.admin.ui;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser as the tests drive it: the UI's cookies, and the CSRF token its pages carry. */
final class Agent {

  static final String TOKEN = "test-admin-token";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  final String csrf;
  final String session;

  private Agent(String csrf, String session) {
    this.csrf = csrf;
    this.session = session;
  }

  /** Opens the sign-in page: a CSRF cookie and its token, no session yet. */
  static Agent anonymous() {
    Response page = given().redirects().follow(false).get("/inbox/sign-in");
    return new Agent(page.getCookie("inbox_csrf"), null);
  }

  static Agent signedIn(String name) {
    Agent anonymous = anonymous();
    Response answer = anonymous.signIn(TOKEN, name);
    return new Agent(anonymous.csrf, answer.getCookie("inbox_session"));
  }

  Response signIn(String token, String name) {
    return request()
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", csrf)
        .formParam("token", token)
        .formParam("agent", name)
        .post("/inbox/sign-in");
  }

  RequestSpecification request() {
    RequestSpecification request = given().redirects().follow(false).cookie("inbox_csrf", csrf);
    return session == null ? request : request.cookie("inbox_session", session);
  }

  /** A form post as the page sends it, with its CSRF token. */
  Response post(String path, String... fields) {
    RequestSpecification request =
        request().contentType("application/x-www-form-urlencoded").formParam("csrf", csrf);
    for (int i = 0; i < fields.length; i += 2) {
      request.formParam(fields[i], fields[i + 1]);
    }
    return request.post(path);
  }

  static String csrfOf(String html) {
    Matcher m = CSRF.matcher(html);
    return m.find() ? m.group(1) : null;
  }
}
