package one.knoq.limits.internal;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The settable clock and the fake organisations that limits tests run with. */
@TestConfiguration(proxyBeanMethods = false)
class LimitsTestConfiguration {

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock(Instant.parse("2026-05-20T10:00:00Z"));
  }

  /** Primary, so that it also wins over identity's {@code Organisations} once that exists. */
  @Bean
  @Primary
  FakeOrganisations testOrganisations() {
    return new FakeOrganisations();
  }
}
