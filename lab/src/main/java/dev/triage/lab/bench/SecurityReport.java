package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link SecurityBench} measured; its JSON is the record's components.
 *
 * @param alertDelayMs from the attacker's first unauthenticated post to the first {@code security}
 *     alert naming its address on the edge's event stream; null when none came within {@link
 *     SecurityBench#ALERT_TIMEOUT}
 * @param alert that first alert
 * @param alertsBySource occurrences the edge's alerts reported, by source address and kind
 * @param alertsNamingOthers occurrences reported for any address but the attacker's (staff: must be 0)
 * @param hosp what HOSP's failure profile did meanwhile (the agents absorb it for staff)
 */
public record SecurityReport(
        Long alertDelayMs,
        Alert alert,
        Attacker attacker,
        Staff staff,
        Block block,
        Map<String, Map<String, Long>> alertsBySource,
        long alertsNamingOthers,
        Hosp hosp,
        Run run) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SecurityReport {
        requireNonNull(attacker, "attacker");
        requireNonNull(staff, "staff");
        requireNonNull(block, "block");
        alertsBySource = Collections.unmodifiableMap(new TreeMap<>(alertsBySource));
        requireNonNull(hosp, "hosp");
        requireNonNull(run, "run");
    }

    public record Alert(String kind, String severity, String sourceIp, String route, String evidence, String message) {}

    /**
     * The attacker's unauthenticated note posts.
     *
     * @param before posts sent before the block was applied and verified
     * @param after posts sent after it
     * @param afterReachedUpstream posts after the block that the edge forwarded to a target group (its
     *     access log): every request that reached HOSP passed there, so 0 here means none reached HOSP
     * @param afterNotInLog posts after the block the edge's access log does not show (0 when it saw all)
     * @param afterAnsweredByBlockRule posts after the block the block rule answered (access log)
     * @param beforeStatuses answers to the posts before, by status (0: no answer)
     * @param afterStatuses answers to the posts after, by status
     * @param dropped posts not sent because too many were in flight
     */
    public record Attacker(
            String address,
            long before,
            long after,
            long afterReachedUpstream,
            long afterNotInLog,
            long afterAnsweredByBlockRule,
            Map<Integer, Long> beforeStatuses,
            Map<Integer, Long> afterStatuses,
            long dropped) {}

    /**
     * Staff traffic over the attack window (it starts with the attacker's first post and stops with
     * it; requests in flight are waited for).
     *
     * @param sent requests sent, plus those dropped because too many were in flight
     * @param succeeded answered 2XX
     * @param failures the others by status (0: no answer), dropped ones not included
     * @param desks staff source addresses
     * @param peersSeen the client addresses the edge's access log shows for non-attacker requests
     * @param answeredByBlockRule staff requests the block rule answered (must be 0)
     */
    public record Staff(
            long sent,
            long succeeded,
            double successRate,
            long dropped,
            Map<Integer, Long> failures,
            int desks,
            List<String> peersSeen,
            long answeredByBlockRule) {
        public Staff {
            failures = Collections.unmodifiableMap(new TreeMap<>(failures));
            peersSeen = peersSeen.stream().sorted().toList();
        }
    }

    /**
     * The one-click block: planned by ChangePlanner.blockSources, applied by ChangeApplier.
     *
     * @param applyMs from the click (planning) to the applier's verified answer
     * @param alertToBlockedMs from the alert to the verified block (the operator's reaction included)
     */
    public record Block(
            String outcome, String title, List<BlockRule> rules, long applyMs, Long alertToBlockedMs, String detail) {
        public Block {
            rules = List.copyOf(rules);
        }
    }

    /**
     * HOSP over the whole run, as its simulator counted: attempts from the node agents (retries
     * included) and how many its failure profile failed (5XX, resets, stalls, outage rejections).
     */
    public record Hosp(long attempts, long failed, double failureRate, long outages) {}

    public record BlockRule(String arn, String priority, List<String> sources) {}

    public record Run(
            int seconds,
            double staffPerSecond,
            double attackerPerSecond,
            double timeScale,
            long seed,
            String profile,
            long reactionMs,
            boolean drained,
            long accessLogLines) {}

    /** Whether the conditions hold: an alert within 5 s, verified block, nothing past it, staff >= 99.9%. */
    public boolean meetsTarget() {
        return alertDelayMs != null
                && alertDelayMs <= 5_000
                && "VERIFIED".equals(block.outcome())
                && attacker.after() > 0
                && attacker.afterReachedUpstream() == 0
                && attacker.afterNotInLog() == 0
                && staff.answeredByBlockRule() == 0
                && staff.successRate() >= 0.999;
    }

    public void writeJson(Path file) throws IOException {
        requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), this);
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }

    /** The report for people. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Security benchmark: %d s, staff %.1f/s from %d desks, attacker %.1f posts/s from %s,"
                        + " profile %s, time scale %s, seed %d, reaction %d ms%n%n",
                run.seconds(),
                run.staffPerSecond(),
                staff.desks(),
                run.attackerPerSecond(),
                attacker.address(),
                run.profile(),
                run.timeScale(),
                run.seed(),
                run.reactionMs()));
        row(out, "alert delay", alertDelayMs == null ? "no alert within 30 s" : alertDelayMs + " ms");
        if (alert != null) {
            row(out, "first alert", alert.kind() + " (" + alert.severity() + "): " + alert.message());
        }
        row(
                out,
                "block",
                block.outcome() + ", " + block.rules().size() + " rule(s)"
                        + block.rules().stream()
                                .map(r -> " " + r.arn() + " priority " + r.priority() + " " + r.sources())
                                .reduce("", String::concat)
                        + ", applied in " + block.applyMs() + " ms"
                        + (block.alertToBlockedMs() == null
                                ? ""
                                : ", " + block.alertToBlockedMs() + " ms after the alert"));
        row(out, "attacker posts before block", attacker.before() + " " + attacker.beforeStatuses());
        row(out, "attacker posts after block", attacker.after() + " " + attacker.afterStatuses());
        row(
                out,
                "  past the load balancer",
                attacker.afterReachedUpstream() + " (access log: " + attacker.afterAnsweredByBlockRule()
                        + " answered by the block rule, " + attacker.afterNotInLog() + " not in the log)");
        row(
                out,
                "staff requests",
                String.format(
                        Locale.ROOT,
                        "%d sent, %d succeeded, %.3f%%%s",
                        staff.sent(),
                        staff.succeeded(),
                        staff.successRate() * 100,
                        staff.failures().isEmpty() ? "" : ", failed by status " + staff.failures()));
        row(out, "  answered by the block rule", Long.toString(staff.answeredByBlockRule()));
        row(out, "  source addresses seen", staff.peersSeen().size() + " " + staff.peersSeen());
        row(out, "alerts naming staff", Long.toString(alertsNamingOthers));
        row(
                out,
                "HOSP behind the agents",
                String.format(
                        Locale.ROOT,
                        "%d attempts, %d failed (%.1f%%), %d outage(s)",
                        hosp.attempts(),
                        hosp.failed(),
                        hosp.failureRate() * 100,
                        hosp.outages()));
        row(out, "alerts by source", alertsBySource.toString());
        row(out, "meets issue 6's target", meetsTarget() ? "yes" : "NO");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-30s %s%n", name, value));
    }
}
