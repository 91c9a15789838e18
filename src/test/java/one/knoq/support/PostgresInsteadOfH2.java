package one.knoq.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the whole suite on PostgreSQL: when the system property {@code knoq.test.database=postgres}
 * is set, every server started in this JVM that was given an embedded H2 URL gets a PostgreSQL
 * schema instead (the same H2 URL, the same schema, so servers started on one database share it).
 *
 * <p>A listener on {@link ApplicationPreparedEvent} rather than an {@code EnvironmentPostProcessor}:
 * the environment is then complete, including {@code @DynamicPropertySource} values, which the test
 * framework adds after environment post-processing.
 */
public final class PostgresInsteadOfH2 implements ApplicationListener<ApplicationPreparedEvent> {

  public static final String SWITCH = "knoq.test.database";
  private static final String SOURCE = "knoqTestPostgres";

  /** Whether this JVM runs the suite on PostgreSQL. */
  public static boolean active() {
    return "postgres".equalsIgnoreCase(System.getProperty(SWITCH, ""));
  }

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    if (!active()) {
      return;
    }
    ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
    String url = environment.getProperty("spring.datasource.url");
    if (url == null || !url.startsWith("jdbc:h2:") || environment.getPropertySources().contains(SOURCE)) {
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", TestPostgres.schemaUrlFor(url));
    properties.put("spring.datasource.username", TestPostgres.USER);
    properties.put("spring.datasource.password", TestPostgres.PASSWORD);
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
  }
}
