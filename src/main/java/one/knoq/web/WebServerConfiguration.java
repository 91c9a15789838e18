package one.knoq.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API always answers JSON: whatever a client's {@code Accept} says, {@code /api/} routes
 * negotiate {@code application/json} (SCIM sets its own type on each answer), and Tomcat's own
 * error pages are JSON too.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration implements WebMvcConfigurer {

  @Override
  public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
    var byHeader = new HeaderContentNegotiationStrategy();
    configurer.strategies(
        List.of(
            (NativeWebRequest request) -> {
              var servlet = request.getNativeRequest(HttpServletRequest.class);
              if (servlet != null && servlet.getRequestURI().startsWith("/api/")) {
                return List.of(MediaType.APPLICATION_JSON);
              }
              return byHeader.resolveMediaTypes(request);
            }));
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorPages() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
              }
            });
  }
}
