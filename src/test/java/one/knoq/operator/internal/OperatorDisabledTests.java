package one.knoq.operator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import one.knoq.support.ApiClient;
import one.knoq.support.ServerTest;
import org.junit.jupiter.api.Test;

/** Without {@code KNOQ_OPERATOR_TOKEN} the operator API does not exist. */
class OperatorDisabledTests extends ServerTest {

  @Test
  void every_operator_route_is_404_even_with_a_bearer_token() {
    var bearer = anonymous().withHeader("Authorization", "Bearer anything");
    for (ApiClient client : new ApiClient[] {anonymous(), bearer, admin()}) {
      assertThat(client.get("/api/operator/organisations").status()).isEqualTo(404);
      assertThat(client.post("/api/operator/organisations", "{}").status()).isEqualTo(404);
      assertThat(client.patch("/api/operator/organisations/x", "{}").status()).isEqualTo(404);
      assertThat(client.get("/api/operator/anything").status()).isEqualTo(404);
    }
    var r = bearer.get("/api/operator/organisations");
    assertThat(r.json().get("error").asString()).isNotBlank();
  }
}
