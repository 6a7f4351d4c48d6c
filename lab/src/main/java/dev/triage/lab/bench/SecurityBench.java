package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEvent;
import dev.triage.agent.client.Subscription;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.lab.LabDescription;
import dev.triage.core.lab.LabLoadBalancers;
import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.hosp.HospStats;
import dev.triage.lab.up.LabTopology;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 6's scenario in the lab: staff traffic from several desks, an attacker posting notes without
 * credentials from its own address, the edge agent's {@code security} alert over the admin event
 * stream (as the console receives it), and the console's one-click block (ChangePlanner.blockSources
 * then ChangeApplier.apply against the edge, journalled), then both traffics for the rest of the run.
 *
 * <p>The edge's access log is switched on (one config push before the run) so that the report can
 * say, per request, which of the attacker's posts after the block went past the load balancer.
 */
public final class SecurityBench {

    /** How long the bench waits for the first alert naming the attacker before blocking anyway. */
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param seconds the attack window: from the attacker's first post (staff traffic starts with it)
     *     to the end of both traffics; the part after the block lasts at least a quarter of it
     * @param staffPerSecond staff requests a second (open loop)
     * @param attackerPerSecond the attacker's unauthenticated note posts a second
     * @param reaction the operator's time between the alert and the click (0: at once)
     * @param profileName how the report names {@code profile}
     * @param drain how long, at the end, requests in flight may take to finish
     */
    public record Options(
            int seconds,
            double staffPerSecond,
            double attackerPerSecond,
            double timeScale,
            long seed,
            Duration reaction,
            FailureProfile profile,
            String profileName,
            int loadBalancerPort,
            int portBase,
            LiveTraffic.Sources sources,
            Duration drain) {

        public static final int DEFAULT_SECONDS = 120;
        public static final double DEFAULT_STAFF_PER_SECOND = 10;
        public static final double DEFAULT_ATTACKER_PER_SECOND = 2;
        public static final int DEFAULT_LB_PORT = 18080;
        public static final int DEFAULT_PORT_BASE = 19000;

        public Options {
            requireNonNull(reaction, "reaction");
            requireNonNull(profile, "profile");
            requireNonNull(profileName, "profileName");
            requireNonNull(sources, "sources");
            requireNonNull(drain, "drain");
            if (seconds < 2 || seconds > 3_600) {
                throw new IllegalArgumentException("seconds: " + seconds + " (expected: 2..3600)");
            }
            if (!(staffPerSecond > 0 && staffPerSecond <= 1_000)) {
                throw new IllegalArgumentException(
                        "staffPerSecond: " + staffPerSecond + " (expected: > 0 and <= 1000)");
            }
            if (!(attackerPerSecond > 0 && attackerPerSecond <= 100)) {
                throw new IllegalArgumentException(
                        "attackerPerSecond: " + attackerPerSecond + " (expected: > 0 and <= 100)");
            }
            if (!(timeScale > 0 && timeScale <= 10)) {
                throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: > 0 and <= 10)");
            }
            if (reaction.isNegative() || reaction.toSeconds() > seconds) {
                throw new IllegalArgumentException(
                        "reaction: " + reaction.toMillis() + " ms (expected: 0.." + seconds + " s)");
            }
            if (sources.attacker() == null || sources.staff().isEmpty()) {
                throw new IllegalArgumentException("sources: " + sources
                        + " (expected: staff addresses and an attacker address this machine can bind)");
            }
            if (sources.staff().contains(sources.attacker())) {
                throw new IllegalArgumentException("sources: the attacker "
                        + sources.attacker().getHostAddress() + " is also a staff address (expected: distinct)");
            }
        }
    }

    private SecurityBench() {}

    /** Runs the scenario once; every wait is bounded. */
    public static SecurityReport run(Options options) throws IOException, InterruptedException {
        requireNonNull(options, "options");
        String attackerIp = options.sources().attacker().getHostAddress();
        Path work = Files.createTempDirectory("triage-security-bench");
        Path accessLog = work.resolve("edge-access.log");
        Alerts alerts = new Alerts(attackerIp);
        SecurityReport.Block block;
        SecurityAttacker attacker;
        LiveTraffic staff;
        long alertNanos;
        boolean drained;
        String blockRoute;
        HospStats.Snapshot hosp;
        try (LabTopology lab = LabTopology.start(new LabTopology.Options(
                        options.loadBalancerPort(),
                        options.portBase(),
                        options.timeScale(),
                        options.seed(),
                        options.profile()));
                AgentClient agents = AgentClient.create()) {
            LabTopology.LabAgent edge = lab.agent("edge");
            enableAccessLog(agents, edge, accessLog);
            LabLoadBalancers loadBalancers = new LabLoadBalancers(description(lab), agents);
            ChangePlanner planner = new ChangePlanner(loadBalancers);
            ChangeApplier applier = new ChangeApplier(loadBalancers, new AuditJournal(work.resolve("journal.jsonl")));
            String listenerArn = edgeListener(loadBalancers);

            try (Subscription events = agents.events(edge.endpoint(), alerts::accept)) {
                join(events.opened(), Duration.ofSeconds(10), "the edge's event stream");
                staff = LiveTraffic.start(
                        lab.loadBalancer(),
                        options.staffPerSecond(),
                        null,
                        options.seed(),
                        new LiveTraffic.Sources(options.sources().staff(), null));
                attacker = SecurityAttacker.start(
                        lab.loadBalancer(),
                        options.sources().attacker(),
                        options.attackerPerSecond(),
                        options.seed() + 1);
                try (LiveTraffic staffTraffic = staff;
                        SecurityAttacker attack = attacker) {
                    long start = System.nanoTime();
                    long end = start + TimeUnit.SECONDS.toNanos(options.seconds());
                    alertNanos = alerts.awaitFirst(ALERT_TIMEOUT);
                    sleepUntil((alertNanos == 0 ? System.nanoTime() : alertNanos)
                            + options.reaction().toNanos());
                    long clicked = System.nanoTime();
                    ChangePlan plan = planner.blockSources(
                            listenerArn,
                            List.of(attackerIp + "/32"),
                            alerts.firstMessage() == null ? "security bench" : alerts.firstMessage());
                    AuditEntry entry = applier.apply(plan, "security-bench", "block from the alert");
                    long blocked = System.nanoTime();
                    attack.markBlocked();
                    block = block(entry, clicked, blocked, alertNanos);
                    blockRoute = block.rules().isEmpty()
                            ? ""
                            : routeName(block.rules().getFirst().arn());
                    sleepUntil(Math.max(end, blocked + TimeUnit.SECONDS.toNanos(options.seconds()) / 4));
                    boolean attackerDrained = attack.stop(options.drain());
                    drained = staffTraffic.stop(options.drain()) && attackerDrained;
                }
                hosp = lab.hosp().stats().snapshot();
            }
        }
        // the lab is closed: the edge's access log is flushed and closed
        SecurityAccessLog log = SecurityAccessLog.read(accessLog, attackerIp, attacker.afterIds(), blockRoute);
        long firstPost = attacker.firstPostNanos();
        Long alertDelayMs = alertNanos == 0 ? null : TimeUnit.NANOSECONDS.toMillis(alertNanos - firstPost);
        long staffSent = staff.sent() + staff.staffDropped();
        return new SecurityReport(
                alertDelayMs,
                alerts.first(),
                new SecurityReport.Attacker(
                        attackerIp,
                        attacker.before(),
                        attacker.after(),
                        log.attackerForwardedAfterBlock(),
                        attacker.after() - log.attackerLogged(),
                        log.attackerBlockedAfterBlock(),
                        attacker.beforeStatuses(),
                        attacker.afterStatuses(),
                        attacker.dropped()),
                new SecurityReport.Staff(
                        staffSent,
                        staff.succeeded(),
                        staffSent == 0 ? 0 : (double) staff.succeeded() / staffSent,
                        staff.staffDropped(),
                        staff.staffFailures(),
                        options.sources().staff().size(),
                        List.copyOf(log.staffPeers()),
                        log.staffOnBlockRule()),
                block,
                alerts.bySource(),
                alerts.namingOthers(),
                new SecurityReport.Hosp(hosp.attempts(), hosp.failed(), hosp.failureRate(), hosp.outages()),
                new SecurityReport.Run(
                        options.seconds(),
                        options.staffPerSecond(),
                        options.attackerPerSecond(),
                        options.timeScale(),
                        options.seed(),
                        options.profileName(),
                        options.reaction().toMillis(),
                        drained,
                        log.lines()));
    }

    /** The lab as the console sees it: what {@code triage-lab up --describe} writes. */
    static LabDescription description(LabTopology lab) {
        List<LabDescription.Agent> agents = new ArrayList<>();
        for (LabTopology.LabAgent agent : lab.agents()) {
            agents.add(new LabDescription.Agent(
                    agent.name(),
                    agent.role(),
                    agent.traffic().toString(),
                    agent.admin().toString(),
                    agent.token()));
        }
        return new LabDescription(lab.loadBalancer().toString(), agents);
    }

    /** Turns the edge's access log on, to {@code file}, by a config push (If-Match of the config read). */
    private static void enableAccessLog(AgentClient agents, LabTopology.LabAgent edge, Path file) {
        VersionedConfig current = join(agents.config(edge.endpoint()), Duration.ofSeconds(10), "the edge's config");
        AgentConfig logged = current.config().withAccessLog(new AccessLog(true, file.toString()));
        join(agents.pushConfig(edge.endpoint(), logged, current.etag()), Duration.ofSeconds(10), "the access log push");
    }

    private static String edgeListener(LabLoadBalancers loadBalancers) {
        return loadBalancers.listeners(loadBalancers.loadBalancerArn()).stream()
                .map(Listener::arn)
                .filter(arn -> arn.endsWith("/" + LabTopology.EDGE_LISTENER))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the edge has no listener " + LabTopology.EDGE_LISTENER));
    }

    private static SecurityReport.Block block(AuditEntry entry, long clicked, long blocked, long alertNanos) {
        List<SecurityReport.BlockRule> rules = new ArrayList<>();
        for (Resource resource : entry.after()) {
            if (resource instanceof Rule rule
                    && rule.conditions().size() == 1
                    && rule.conditions().getFirst() instanceof SourceIp sources) {
                rules.add(
                        new SecurityReport.BlockRule(rule.arn(), rule.priority().text(), sources.cidrs()));
            }
        }
        return new SecurityReport.Block(
                entry.outcome().name(),
                entry.plan().title(),
                rules,
                TimeUnit.NANOSECONDS.toMillis(blocked - clicked),
                alertNanos == 0 ? null : TimeUnit.NANOSECONDS.toMillis(blocked - alertNanos),
                entry.detail());
    }

    /** The access log's route for a lab rule id {@code lab:rule/<listener>/<rule>}. */
    static String routeName(String ruleArn) {
        return ruleArn.substring(ruleArn.lastIndexOf('/') + 1);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static <T> T join(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no answer within " + timeout.toSeconds() + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The security events the edge published, as the console would receive them. */
    static final class Alerts {
        private final String attacker;
        private final CompletableFuture<Long> first = new CompletableFuture<>();
        private final Map<String, Map<String, LongAdder>> bySource = new ConcurrentHashMap<>();
        private volatile SecurityReport.Alert firstAlert;

        Alerts(String attacker) {
            this.attacker = requireNonNull(attacker, "attacker");
        }

        void accept(AgentEvent event) {
            if (!(event instanceof AgentEvent.SecurityAlert(SecurityEvent alert))) {
                return;
            }
            long now = System.nanoTime();
            bySource.computeIfAbsent(alert.sourceIp(), s -> new ConcurrentHashMap<>())
                    .computeIfAbsent(alert.kind().wire(), k -> new LongAdder())
                    .add(alert.count());
            if (attacker.equals(alert.sourceIp()) && !first.isDone()) {
                firstAlert = new SecurityReport.Alert(
                        alert.kind().wire(),
                        alert.severity().name().toLowerCase(java.util.Locale.ROOT),
                        alert.sourceIp(),
                        alert.route(),
                        alert.evidence(),
                        alert.message());
                first.complete(now);
            }
        }

        /** When the first alert naming the attacker arrived ({@link System#nanoTime()}), 0 if none in time. */
        long awaitFirst(Duration timeout) throws InterruptedException {
            try {
                return first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return 0;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        SecurityReport.Alert first() {
            return firstAlert;
        }

        String firstMessage() {
            SecurityReport.Alert alert = firstAlert;
            return alert == null ? null : alert.message();
        }

        /** Occurrences by source and kind (a summary counts its {@code count}). */
        Map<String, Map<String, Long>> bySource() {
            Map<String, Map<String, Long>> copy = new TreeMap<>();
            bySource.forEach((source, kinds) -> {
                Map<String, Long> counts = new TreeMap<>();
                kinds.forEach((kind, count) -> counts.put(kind, count.sum()));
                copy.put(source, counts);
            });
            return copy;
        }

        /** Occurrences reported for any source other than the attacker (staff desks: must be 0). */
        long namingOthers() {
            return bySource().entrySet().stream()
                    .filter(e -> !e.getKey().equals(attacker))
                    .mapToLong(e -> e.getValue().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .sum();
        }
    }

    /** The lab's addresses unless told otherwise: staff desks 127.0.0.10..29, the attacker 127.0.0.66. */
    static LiveTraffic.Sources labSources(InetAddress attacker) {
        List<InetAddress> desks = new ArrayList<>();
        for (int i = 0; i < LiveTraffic.Sources.DESKS; i++) {
            desks.add(LiveTraffic.Sources.loopback(LiveTraffic.Sources.FIRST_DESK + i));
        }
        return new LiveTraffic.Sources(desks, attacker);
    }
}
