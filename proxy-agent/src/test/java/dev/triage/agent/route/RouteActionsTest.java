package dev.triage.agent.route;

import static dev.triage.agent.route.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.http.ProxyResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteActionsTest {

    private static Router listenerWithDefault(String protocol, int port, Action action) {
        return Router.compile(new Listener("web", protocol, null, port, List.of(), action));
    }

    private static Action redirect(String protocol, String host, String port, String path, String query, int status) {
        return new Action(Action.REDIRECT, null, new Action.Redirect(protocol, host, port, path, query, status), null);
    }

    private static ProxyResponse redirectResponse(Action action, String target, String... headers) {
        RouteAction routeAction =
                listenerWithDefault("HTTP", 80, action).match(get(target)).action();
        return ((RouteAction.Redirect) routeAction).respond(get(target, headers));
    }

    @Test
    void redirectsHttpToHttpsKeepingHostPathAndQuery() {
        ProxyResponse response = redirectResponse(
                redirect("HTTPS", "#{host}", "443", "/#{path}", "#{query}", 301),
                "/patients/7?full=1",
                "Host",
                "hosp.example:80");

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.headers().first("Location")).contains("https://hosp.example:443/patients/7?full=1");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void unsetPartsKeepTheRequestsOwn() {
        ProxyResponse response =
                redirectResponse(redirect(null, null, null, null, null, 302), "/a/b?x=1", "Host", "hosp.example");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers().first("Location")).contains("http://hosp.example:80/a/b?x=1");
    }

    @Test
    void placeholdersComposeWithLiterals() {
        ProxyResponse response = redirectResponse(
                redirect("#{protocol}", "new.#{host}", "#{port}", "/v2/#{path}", "#{query}&from=v1", 301),
                "/staffs",
                "Host",
                "hosp.example");

        assertThat(response.headers().first("Location")).contains("http://new.hosp.example:80/v2/staffs?&from=v1");
    }

    @Test
    void omitsTheQuestionMarkWhenTheQueryIsEmpty() {
        ProxyResponse response =
                redirectResponse(redirect("HTTPS", null, "443", null, null, 301), "/x", "Host", "hosp.example");

        assertThat(response.headers().first("Location")).contains("https://hosp.example:443/x");
    }

    @Test
    void aLiteralRedirectNeedsNoHostHeader() {
        ProxyResponse response =
                redirectResponse(redirect("HTTPS", "maintenance.example", "443", "/", "", 302), "/anything");

        assertThat(response.headers().first("Location")).contains("https://maintenance.example:443/");
    }

    @Test
    void refusesToRedirectWithAMissingOrHostileHost() {
        Action toHttps = redirect("HTTPS", null, "443", null, null, 301);

        assertThat(redirectResponse(toHttps, "/x").status()).isEqualTo(400);
        assertThat(redirectResponse(toHttps, "/x", "Host", "evil.example/@x").status())
                .isEqualTo(400);
    }

    @Test
    void rejectsImpossibleRedirectsNamingTheField() {
        assertThatThrownBy(() -> listenerWithDefault("HTTP", 80, redirect(null, null, null, "no-slash", null, 301)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaultAction.redirect.path: 'no-slash' (expected: starts with '/')");
        assertThatThrownBy(() -> listenerWithDefault("HTTP", 80, redirect(null, null, null, null, null, 307)))
                .hasMessageContaining("redirect.statusCode: 307 (expected: 301 or 302)");
        assertThatThrownBy(() -> listenerWithDefault("HTTP", 80, redirect("FTP", null, null, null, null, 301)))
                .hasMessageContaining("redirect.protocol: 'FTP'");
        assertThatThrownBy(() -> listenerWithDefault("HTTP", 80, redirect(null, null, "99999", null, null, 301)))
                .hasMessageContaining("redirect.port: '99999'");
        assertThatThrownBy(() -> listenerWithDefault("HTTP", 80, redirect(null, "#{hots}", null, null, null, 301)))
                .hasMessageContaining("unknown placeholder #{hots}");
    }

    @Test
    void fixedResponseIsReadyWithItsContentType() {
        Router router = listenerWithDefault("HTTP", 80, Action.fixed(503, "application/json", "{\"down\":true}"));

        RouteAction.Fixed fixed = (RouteAction.Fixed) router.match(get("/")).action();

        assertThat(fixed.response().status()).isEqualTo(503);
        assertThat(fixed.response().headers().first("Content-Type")).contains("application/json");
        assertThat(new String(fixed.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"down\":true}");
    }

    @Test
    void fixedResponseDefaultsToPlainText() {
        Router router = listenerWithDefault("HTTP", 80, Action.fixed(404, null, null));

        RouteAction.Fixed fixed = (RouteAction.Fixed) router.match(get("/")).action();

        assertThat(fixed.response().headers().first("Content-Type")).contains("text/plain");
        assertThat(fixed.response().body()).isEmpty();
    }

    @Test
    void rejectsAnUnknownActionType() {
        assertThatThrownBy(() -> listenerWithDefault("HTTP", 80, new Action("authenticate", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaultAction.type: 'authenticate'");
    }
}
