package one.knoq.identity.internal;

import java.util.List;

/** The answer of sign-in, sign-up, me and organisation switch: who, where, and where else. */
record SignInAnswer(User user, ActiveOrganisation organisation, List<Choice> organisations) {

  record User(String id, String email, String name) {}

  record ActiveOrganisation(String id, String name, String plan, String role) {}

  record Choice(String id, String name, String role) {}
}
