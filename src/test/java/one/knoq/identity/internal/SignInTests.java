package one.knoq.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import one.knoq.identity.Members;
import one.knoq.identity.NewMember;
import one.knoq.identity.Organisations;
import one.knoq.identity.Plan;
import one.knoq.identity.Role;
import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SignInTests extends ServerTest {

  static final String PASSWORD = "a long enough password";

  @Autowired Organisations organisations;
  @Autowired Members members;
  @Autowired MembershipRepository memberships;
  @Autowired SignInThrottle throttle;

  /** A fresh user in a fresh organisation, created through the module's API. */
  String newUserInNewOrganisation(Role role) {
    var organisation = organisations.create("Org " + UUID.randomUUID(), Plan.TEAM);
    String email = "u-" + UUID.randomUUID() + "@Example.com";
    members.add(organisation.id(), new NewMember(email, "Una User", PASSWORD, role));
    return email;
  }

  @Test
  void sign_in_answers_user_organisation_and_a_session_cookie() {
    var r = anonymous().post("/api/auth/sign-in", ApiClient.json("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));

    assertThat(r.status()).isEqualTo(200);
    var body = r.json();
    assertThat(body.at("/user/email").asString()).isEqualTo(ADMIN_EMAIL);
    assertThat(body.at("/user/id").asString()).isNotBlank();
    assertThat(body.at("/user/name").isString()).isTrue();
    assertThat(body.at("/organisation/name").asString()).isEqualTo(Bootstrap.ORGANISATION_NAME);
    assertThat(body.at("/organisation/plan").asString()).isEqualTo("business");
    assertThat(body.at("/organisation/role").asString()).isEqualTo("admin");
    assertThat(body.at("/organisations/0/id").asString()).isEqualTo(body.at("/organisation/id").asString());
    String cookie = r.header("Set-Cookie");
    assertThat(cookie).matches("knoq_session=[A-Za-z0-9_-]{43}; .*");
    assertThat(cookie).contains("; Path=/", "; Max-Age=2592000", "; HttpOnly", "; SameSite=Lax");
    assertThat(cookie).doesNotContain("Secure"); // the test server's public URL is http
  }

  @Test
  void email_is_case_insensitive() {
    String email = newUserInNewOrganisation(Role.MEMBER);
    var client = anonymous();
    client.signIn(email.toUpperCase(), PASSWORD);
    assertThat(client.get("/api/auth/me").json().at("/user/email").asString()).isEqualTo(email);
  }

  @Test
  void wrong_password_and_unknown_email_get_the_same_401() {
    var wrongPassword =
        anonymous().post("/api/auth/sign-in", ApiClient.json("email", ADMIN_EMAIL, "password", "not the password"));
    var unknownEmail =
        anonymous()
            .post("/api/auth/sign-in", ApiClient.json("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "x"));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
    assertThat(wrongPassword.header("Set-Cookie")).isNull();
  }

  @Test
  void a_user_without_any_membership_cannot_sign_in() {
    var organisation = organisations.create("Short-lived " + UUID.randomUUID(), Plan.TEAM);
    String email = "leaver-" + UUID.randomUUID() + "@example.com";
    var member = members.add(organisation.id(), new NewMember(email, "Leaver", PASSWORD, Role.ADMIN));
    members.add(organisation.id(), new NewMember("stayer-" + UUID.randomUUID() + "@example.com", "S", PASSWORD, Role.ADMIN));
    members.remove(organisation.id(), member.userId());

    var r = anonymous().post("/api/auth/sign-in", ApiClient.json("email", email, "password", PASSWORD));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asString()).isEqualTo(SignIns.WRONG_CREDENTIALS);
  }

  @Test
  void sign_in_validates_its_fields() {
    var r = anonymous().post("/api/auth/sign-in", ApiClient.json("password", "whatever"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asString()).isEqualTo("email must be a non-empty string");
  }

  @Test
  void ten_failures_throttle_the_pair_even_for_the_right_password() {
    String email = newUserInNewOrganisation(Role.MEMBER);
    for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
      var r = anonymous().post("/api/auth/sign-in", ApiClient.json("email", email, "password", "wrong password " + i));
      assertThat(r.status()).as("attempt %d", i + 1).isEqualTo(401);
    }

    var right = anonymous().post("/api/auth/sign-in", ApiClient.json("email", email, "password", PASSWORD));
    assertThat(right.status()).isEqualTo(429);
    assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, 15 * 60L);
    assertThat(right.json().get("error").asString()).isNotBlank();

    // no trusted proxies are configured: a forwarded address does not make a new pair
    var forwarded =
        anonymous()
            .withHeader("X-Forwarded-For", "203.0.113.7")
            .post("/api/auth/sign-in", ApiClient.json("email", email, "password", PASSWORD));
    assertThat(forwarded.status()).isEqualTo(429);

    // another client address for the same email is its own pair
    String lower = UserRepository.lower(email);
    String attempt = throttle.begin(lower, "198.51.100.1", System.currentTimeMillis());
    assertThat(attempt).isNotBlank();
    throttle.succeeded(attempt);
  }

  @Test
  void a_correct_sign_in_does_not_wipe_the_pairs_earlier_failures() {
    String email = newUserInNewOrganisation(Role.MEMBER);
    for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
      assertThat(anonymous().post("/api/auth/sign-in", ApiClient.json("email", email, "password", "wrong " + i)).status())
          .isEqualTo(401);
    }
    assertThat(anonymous().post("/api/auth/sign-in", ApiClient.json("email", email, "password", PASSWORD)).status())
        .isEqualTo(200);
    assertThat(anonymous().post("/api/auth/sign-in", ApiClient.json("email", email, "password", "wrong again")).status())
        .isEqualTo(401);
    // ten failures are now inside the window: even the right password waits
    assertThat(anonymous().post("/api/auth/sign-in", ApiClient.json("email", email, "password", PASSWORD)).status())
        .isEqualTo(429);
  }

  @Test
  void the_throttle_reopens_when_the_oldest_failure_leaves_the_window() {
    String email = "window-" + UUID.randomUUID() + "@example.com";
    String client = "192.0.2.1";
    long window = SignInThrottle.WINDOW.toMillis();
    long t0 = System.currentTimeMillis();
    for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
      throttle.begin(email, client, t0 + i * 1000L); // each attempt left as a failure
    }
    long now = t0 + 60_000;
    try {
      throttle.begin(email, client, now);
      throw new AssertionError("expected 429");
    } catch (one.knoq.web.ApiException.TooManyRequests e) {
      assertThat(e.retryAfterSeconds()).isEqualTo((t0 + window - now) / 1000);
    }
    // at t0 + window the first failure has left: one more attempt is allowed
    assertThat(throttle.begin(email, client, t0 + window)).isNotBlank();
  }

  @Test
  void me_answers_the_sign_in_shape() {
    var admin = admin();
    var me = admin.get("/api/auth/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().at("/user/email").asString()).isEqualTo(ADMIN_EMAIL);
    assertThat(me.json().at("/organisation/role").asString()).isEqualTo("admin");
    assertThat(me.json().get("organisations").isArray()).isTrue();
  }

  @Test
  void me_without_a_cookie_or_with_a_made_up_one_is_401() {
    assertThat(anonymous().get("/api/auth/me").status()).isEqualTo(401);
    assertThat(anonymous().withCookie("made-up").get("/api/auth/me").status()).isEqualTo(401);
  }

  @Test
  void sign_out_revokes_the_cookie_at_once() {
    var client = newMember();
    String cookie = client.cookie();

    var out = client.post("/api/auth/sign-out", "");
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.json().get("ok").asBoolean()).isTrue();
    assertThat(out.header("Set-Cookie")).startsWith("knoq_session=;").contains("Max-Age=0");

    var replayed = anonymous().withCookie(cookie).get("/api/auth/me");
    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.json().get("error").isString()).isTrue();
  }

  @Test
  void switching_organisation_changes_the_active_one_for_this_sign_in_only() {
    var client = newMember();
    var me = client.get("/api/auth/me").json();
    String userId = me.at("/user/id").asString();
    String first = me.at("/organisation/id").asString();
    var second = organisations.create("Second " + UUID.randomUUID(), Plan.TEAM);
    memberships.insert(second.id(), userId, Role.VIEWER, System.currentTimeMillis());

    var switched = client.post("/api/auth/organisation", ApiClient.json("organisationId", second.id()));
    assertThat(switched.status()).isEqualTo(200);
    assertThat(switched.json().at("/organisation/id").asString()).isEqualTo(second.id());
    assertThat(switched.json().at("/organisation/role").asString()).isEqualTo("viewer");
    assertThat(switched.json().at("/organisation/plan").asString()).isEqualTo("team");
    assertThat(switched.json().get("organisations").size()).isEqualTo(2);
    assertThat(client.get("/api/auth/me").json().at("/organisation/id").asString()).isEqualTo(second.id());

    // viewer in the second organisation: the admin API refuses
    assertThat(client.get("/api/admin/members").status()).isEqualTo(403);

    var back = client.post("/api/auth/organisation", ApiClient.json("organisationId", first));
    assertThat(back.json().at("/organisation/id").asString()).isEqualTo(first);
  }

  @Test
  void switching_to_an_organisation_without_membership_is_404() {
    var client = newMember();
    var foreign = organisations.create("Foreign " + UUID.randomUUID(), Plan.TEAM);
    assertThat(client.post("/api/auth/organisation", ApiClient.json("organisationId", foreign.id())).status())
        .isEqualTo(404);
    assertThat(client.post("/api/auth/organisation", ApiClient.json("organisationId", "no-such-id")).status())
        .isEqualTo(404);
    assertThat(client.post("/api/auth/organisation", ApiClient.json("organisationId", 7)).status())
        .isEqualTo(400);
  }

  @Test
  void sign_up_is_404_when_not_allowed() {
    var r =
        anonymous()
            .post(
                "/api/auth/sign-up",
                ApiClient.json("email", "x-" + UUID.randomUUID() + "@example.com", "password", PASSWORD, "name", "X", "organisationName", "X"));
    assertThat(r.status()).isEqualTo(404);
  }
}
