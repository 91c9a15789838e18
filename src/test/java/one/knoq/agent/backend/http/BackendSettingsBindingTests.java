package one.knoq.agent.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import one.knoq.agent.backend.anthropic.AnthropicSettings;
import one.knoq.agent.backend.managed.ManagedAgentsSettings;
import one.knoq.agent.backend.openai.OpenAiSettings;
import one.knoq.agent.internal.AgentSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The KNOQ_* variables of docs/backends.md reach the settings through application.yml. */
class BackendSettingsBindingTests {

  private static Binder binder(Map<String, Object> env) throws Exception {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("env", env));
    for (var source : new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yml"))) {
      environment.getPropertySources().addLast(source);
    }
    return Binder.get(environment);
  }

  @Test
  void defaults_without_any_variable() throws Exception {
    Binder binder = binder(Map.of());

    var openai = binder.bind("knoq.agent.openai", OpenAiSettings.class).get();
    assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(openai.apiKey()).isEmpty();
    var http = binder.bind("knoq.agent.http", HttpSettings.class).get();
    assertThat(http.readTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(http.maxAttempts()).isEqualTo(4);
    var agent = binder.bind("knoq.agent", AgentSettings.class).get();
    assertThat(agent.maxSteps()).isEqualTo(8);
    assertThat(agent.systemPrompt()).startsWith("You are Knoq");
  }

  @Test
  void every_documented_variable_is_mapped() throws Exception {
    Binder binder =
        binder(
            Map.ofEntries(
                Map.entry("KNOQ_OPENAI_BASE_URL", "http://localhost:11434/v1"),
                Map.entry("KNOQ_OPENAI_API_KEY", ""),
                Map.entry("KNOQ_OPENAI_MODEL", "llama3.1"),
                Map.entry("KNOQ_ANTHROPIC_API_KEY", "sk-ant"),
                Map.entry("KNOQ_ANTHROPIC_BASE_URL", "http://proxy"),
                Map.entry("KNOQ_ANTHROPIC_MODEL", "claude-haiku-4-5"),
                Map.entry("KNOQ_ANTHROPIC_AGENT_ID", "agent_1"),
                Map.entry("KNOQ_ANTHROPIC_ENVIRONMENT_ID", "env_1"),
                Map.entry("KNOQ_MANAGED_POLL_INTERVAL_MS", "250"),
                Map.entry("KNOQ_UPSTREAM_READ_TIMEOUT_SECONDS", "30"),
                Map.entry("KNOQ_UPSTREAM_MAX_ATTEMPTS", "2"),
                Map.entry("KNOQ_MODEL_PRICES", "llama3.1=0/0"),
                Map.entry("KNOQ_SYSTEM_PROMPT", "Be brief."),
                Map.entry("KNOQ_AGENT_MAX_STEPS", "3")));

    var openai = binder.bind("knoq.agent.openai", OpenAiSettings.class).get();
    assertThat(openai.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(openai.model()).isEqualTo("llama3.1");
    assertThat(openai.apiKey()).isEmpty();
    var anthropic = binder.bind("knoq.agent.anthropic", AnthropicSettings.class).get();
    assertThat(anthropic.apiKey()).isEqualTo("sk-ant");
    assertThat(anthropic.baseUrl()).isEqualTo("http://proxy");
    var managed = binder.bind("knoq.agent.managed", ManagedAgentsSettings.class).get();
    assertThat(managed.agentId()).isEqualTo("agent_1");
    assertThat(managed.environmentId()).isEqualTo("env_1");
    assertThat(managed.apiKey()).isEqualTo("sk-ant");
    assertThat(managed.pollInterval()).isEqualTo(Duration.ofMillis(250));
    var http = binder.bind("knoq.agent.http", HttpSettings.class).get();
    assertThat(http.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(http.maxAttempts()).isEqualTo(2);
    assertThat(binder.bind("knoq.agent.pricing", PricingSettings.class).get().overrides()).isEqualTo("llama3.1=0/0");
    var agent = binder.bind("knoq.agent", AgentSettings.class).get();
    assertThat(agent.systemPrompt()).isEqualTo("Be brief.");
    assertThat(agent.maxSteps()).isEqualTo(3);
  }
}
