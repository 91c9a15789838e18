package one.knoq.identity.internal;

import java.util.List;
import one.knoq.identity.Principal;
import one.knoq.web.ApiException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets any controller declare a {@link Principal} parameter: the caller the filter authenticated. */
@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new PrincipalResolver());
  }

  static final class PrincipalResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == Principal.class;
    }

    /** 401 rather than null: a route missing from {@link Routes} must fail closed, not open. */
    @Override
    public Principal resolveArgument(
        MethodParameter parameter,
        ModelAndViewContainer mavContainer,
        NativeWebRequest request,
        WebDataBinderFactory binderFactory) {
      Object principal =
          request.getAttribute(AuthenticationFilter.PRINCIPAL, RequestAttributes.SCOPE_REQUEST);
      if (principal instanceof Principal p) {
        return p;
      }
      throw new ApiException.Unauthenticated("sign-in required");
    }
  }
}
