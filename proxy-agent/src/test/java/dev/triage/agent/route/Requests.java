package dev.triage.agent.route;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.util.List;

/** Small builders for routing tests. */
final class Requests {

    static final String CLIENT = "192.0.2.10";

    private Requests() {}

    static ProxyRequest get(String target, String... headers) {
        return request("GET", target, CLIENT, headers);
    }

    static ProxyRequest request(String method, String target, String client, String... headers) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        return new ProxyRequest(method, path, query, Headers.of(headers), null, client, "req-1");
    }

    static Condition condition(String type, String... values) {
        return new Condition(type, null, List.of(values), null);
    }

    static Condition header(String name, String... values) {
        return new Condition(Condition.HTTP_HEADER, name, List.of(values), null);
    }

    static Condition query(Condition.QueryPair... pairs) {
        return new Condition(Condition.QUERY_STRING, null, null, List.of(pairs));
    }

    static Rule rule(String name, int priority, Condition... conditions) {
        return new Rule(name, priority, List.of(conditions), Action.forwardTo(name + "-tg"), null);
    }

    static Router router(Rule... rules) {
        return Router.compile(new Listener("web", "HTTP", null, 8080, List.of(rules), Action.forwardTo("fallback")));
    }

    /** The route name a request takes through a router made of one rule with these conditions. */
    static boolean matches(ProxyRequest request, Condition... conditions) {
        return !router(rule("r", 1, conditions)).match(request).isDefault();
    }
}
