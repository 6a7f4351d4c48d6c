package dev.triage.agent.api.config;

import java.util.List;

/**
 * A port the agent accepts traffic on, with rules evaluated in priority order (lowest first) and a
 * default action when none matches, the way an ALB listener works.
 *
 * @param protocol {@link #HTTP} (the default) or {@link #HTTPS}
 * @param tls the certificate and key of an HTTPS listener; null for HTTP
 */
public record Listener(
        String name, String protocol, String bindAddress, int port, List<Rule> rules, Action defaultAction, Tls tls) {

    public static final String HTTP = "HTTP";
    public static final String HTTPS = "HTTPS";
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";

    public Listener {
        protocol = protocol == null ? HTTP : protocol;
        bindAddress = bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** An HTTP listener, or one whose TLS files are set later (the form before HTTPS existed). */
    public Listener(
            String name, String protocol, String bindAddress, int port, List<Rule> rules, Action defaultAction) {
        this(name, protocol, bindAddress, port, rules, defaultAction, null);
    }

    /** Whether connections to this listener use TLS. */
    public boolean secure() {
        return HTTPS.equals(protocol);
    }

    /**
     * The server certificate of an HTTPS listener, read from files when a config is applied (so a push
     * naming the same files picks up their new contents): TLS 1.2 and 1.3 only.
     *
     * @param certificateChainFile PEM file with the server certificate first, then any intermediates
     * @param privateKeyFile PEM file with the unencrypted PKCS#8 private key (RSA or EC) of that certificate
     */
    public record Tls(String certificateChainFile, String privateKeyFile) {}
}
