package one.knoq;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Keeps the module picture of design.md true: no cycles, no reaching into another's internals. */
class ModularityTests {

  @Test
  void modules_respect_their_boundaries() {
    ApplicationModules.of(KnoqApplication.class).verify();
  }
}
