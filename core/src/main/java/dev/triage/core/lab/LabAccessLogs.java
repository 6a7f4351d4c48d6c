package dev.triage.core.lab;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.accesslog.AlbLogEntry.Endpoint;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.port.AccessLogs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lab's access logs: the edge agent (the lab's load balancer) writes a JSON-lines access log (its config's {@code
 * accessLog}, on the machine the lab runs on); each line is mapped to the fields an Application Load Balancer logs,
 * so the same detectors run over it as over S3. What maps: time, client address (the agent logs no client port:
 * {@code 0}), method and URL (the load balancer's host, path and query), the status as elb status and, when the
 * request was forwarded and a target answered, as target status; the target group; the matched rule's priority
 * ({@code 0} for the listener's default, from the edge's rules as they are at scan time); the actions executed
 * (forward, or the rule's fixed-response or redirect); the request id as trace id; the duration as target
 * processing time. What the agent's log does not hold is absent as ALB writes {@code -}: user agent, target address,
 * TLS fields.
 *
 * <p>Errors: logging off is NotFound naming the load balancer; a log not written yet is an empty stream; an I/O
 * failure while streaming is Unavailable. A line that does not parse is skipped and reported to the callback.
 */
public final class LabAccessLogs implements AccessLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabLoadBalancers loadBalancers;
    private final BiConsumer<String, String> onBadLine;

    /** @param onBadLine called with a skipped line's number (as text) and why */
    public LabAccessLogs(LabLoadBalancers loadBalancers, BiConsumer<String, String> onBadLine) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.onBadLine = requireNonNull(onBadLine, "onBadLine");
    }

    public LabAccessLogs(LabLoadBalancers loadBalancers) {
        this(loadBalancers, (line, why) -> {});
    }

    @Override
    public Stream<AlbLogEntry> entries(String loadBalancerArn, Instant from, Instant to) {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        Path file = logFile(loadBalancerArn);
        Routes routes = routes(loadBalancerArn);
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new CoreException.Unavailable("access log " + file, e.toString(), e);
        }
        Iterator<AlbLogEntry> lines = new Iterator<>() {
            private long number;
            private AlbLogEntry next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String line;
                    try {
                        line = reader.readLine();
                    } catch (IOException e) {
                        throw new CoreException.Unavailable("access log " + file, e.toString(), e);
                    }
                    if (line == null) {
                        return false;
                    }
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        AlbLogEntry entry = routes.entry(JSON.readTree(line));
                        if (!entry.time().isBefore(from) && entry.time().isBefore(to)) {
                            next = entry;
                        }
                    } catch (IOException | RuntimeException e) {
                        onBadLine.accept(Long.toString(number), String.valueOf(e.getMessage()));
                    }
                }
                return true;
            }

            @Override
            public AlbLogEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AlbLogEntry out = next;
                next = null;
                return out;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private Path logFile(String loadBalancerArn) {
        LoadBalancerAttributes attributes = loadBalancers.loadBalancerAttributes(loadBalancerArn);
        LoadBalancerAttributes.AccessLogging logging = attributes.accessLogs().valueOrNull();
        if (logging == null || !logging.enabled() || logging.destination() == null) {
            throw new CoreException.NotFound("access log of", loadBalancerArn + " (access logging is off)");
        }
        if ("-".equals(logging.destination())) {
            throw new CoreException.NotFound(
                    "access log of", loadBalancerArn + " (it goes to the edge agent's standard output, not a file)");
        }
        return Path.of(logging.destination());
    }

    /** The edge's routes as the log names them, and the load balancer's name and host. */
    private Routes routes(String loadBalancerArn) {
        LoadBalancer lb = loadBalancers.loadBalancers().stream()
                .filter(l -> l.arn().equals(loadBalancerArn))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("load balancer", loadBalancerArn));
        Map<String, Route> byName = new HashMap<>();
        for (Listener listener : loadBalancers.listeners(loadBalancerArn)) {
            String type = listener.protocol() == Protocol.HTTPS ? "https" : "http";
            String listenerName = LabMapping.name(LabMapping.LISTENER, listener.arn());
            for (Rule rule : loadBalancers.rules(listener.arn())) {
                String action = rule.action() instanceof Forward
                        ? "forward"
                        : rule.action() instanceof FixedResponse
                                ? "fixed-response"
                                : rule.action() instanceof Redirect ? "redirect" : null;
                int priority =
                        rule.priority() instanceof RulePriority.Numbered(int value) ? value : AlbLogEntry.DEFAULT_RULE;
                Route route = new Route(type, priority, action);
                String name = rule.isDefault()
                        ? "default:" + listenerName
                        : rule.arn().substring(rule.arn().lastIndexOf('/') + 1);
                byName.put(name, route);
            }
        }
        return new Routes("app/" + lb.name() + "/lab", lb.dnsName(), byName);
    }

    private record Route(String type, int priority, String action) {}

    private record Routes(String loadBalancer, String host, Map<String, Route> byName) {

        AlbLogEntry entry(JsonNode line) {
            Instant time = Instant.parse(text(line, "time"));
            String client = text(line, "clientAddress");
            String method = line.path("method").asText(null);
            String path = text(line, "path");
            String query = line.hasNonNull("query") ? line.get("query").asText() : null;
            int status = line.path("status").asInt(-1);
            if (status < 0) {
                throw new IllegalArgumentException("status: missing (expected: the status code)");
            }
            String routeName = line.path("route").asText("-");
            String group = line.path("targetGroup").asText("-");
            boolean forwarded = !"-".equals(group);
            // "upstream": a target answered; "ok": answered without a failure (a cache hit). Else the agent answered.
            String outcome = line.path("outcome").asText();
            boolean targetAnswered = forwarded && ("upstream".equals(outcome) || "ok".equals(outcome));
            Route route = byName.get(routeName);
            List<String> actions = forwarded
                    ? List.of("forward")
                    : route != null && route.action() != null && !"forward".equals(route.action())
                            ? List.of(route.action())
                            : List.of();
            Duration took = line.has("durationMs")
                    ? Duration.ofNanos(Math.round(line.get("durationMs").asDouble() * 1_000_000))
                    : null;
            return new AlbLogEntry(
                    route == null ? "http" : route.type(),
                    time,
                    loadBalancer,
                    new Endpoint(client, 0),
                    null,
                    Duration.ZERO,
                    forwarded ? took : null,
                    Duration.ZERO,
                    status,
                    targetAnswered ? status : null,
                    0,
                    line.path("bytes").asLong(0),
                    method,
                    "http://" + host + path + (query == null ? "" : "?" + query),
                    "HTTP/1.1",
                    null,
                    null,
                    null,
                    forwarded ? LabMapping.TARGET_GROUP + group : null,
                    line.path("requestId").asText(null),
                    null,
                    null,
                    route == null ? null : route.priority(),
                    null,
                    actions,
                    null,
                    null,
                    List.of(),
                    targetAnswered ? List.of(status) : List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of());
        }

        private static String text(JsonNode line, String field) {
            JsonNode node = line.get(field);
            if (node == null || !node.isTextual()) {
                throw new IllegalArgumentException(field + ": missing (expected: text)");
            }
            return node.asText();
        }
    }
}
