package one.knoq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Entry point of Knoq server: one deployable, one package per capability. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "web")
public class KnoqApplication {

  public static void main(String[] args) {
    SpringApplication.run(KnoqApplication.class, args);
  }
}
