package dev.triage.agent.api.config;

import java.util.List;

/**
 * A port the agent accepts traffic on, with rules evaluated in priority order (lowest first) and a
 * default action when none matches, the way an ALB listener works.
 */
public record Listener(
        String name, String protocol, String bindAddress, int port, List<Rule> rules, Action defaultAction) {

    public static final String HTTP = "HTTP";
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";

    public Listener {
        protocol = protocol == null ? HTTP : protocol;
        bindAddress = bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
