package dev.triage.core.security;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What the "require the CDN header" tests share: an open listener, agents without gates, the wiring. */
final class RequirementFixture {

    static final String HEADER = "X-Origin-Verify";
    static final String SECRET = "cdn-Secret-91f0aa";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private RequirementFixture() {}

    /** An HTTP listener that requires nothing, with a forward rule for /api/* (legacy 90, replacement 10). */
    static InMemoryLoadBalancers openListener() {
        InMemoryLoadBalancers lbs = new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
                .add(Samples.httpListener());
        lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Samples.split(90, 10)));
        return lbs;
    }

    /** An agent with a forwarding route and a fixed-response one, neither gated. */
    static AgentConfig ungated() {
        var notes = new dev.triage.agent.api.config.Rule(
                "notes", 10, List.of(), Action.forwardTo("legacy"), RoutePolicy.NONE);
        var closed = new dev.triage.agent.api.config.Rule(
                "closed", 20, List.of(), Action.fixed(404, "text/plain", "gone"), RoutePolicy.NONE);
        return new AgentConfig(
                "v1",
                List.of(new Listener(
                        "edge", "HTTP", "127.0.0.1", 0, List.of(notes, closed), Action.forwardTo("legacy"))),
                List.of(),
                null,
                null);
    }

    /** The remediation over {@code lbs}, with plan and entry ids from {@code ids}, reading back once, never waiting. */
    static CdnHeaderRequirement requirement(
            LoadBalancers lbs, AuditJournal journal, AgentFleet fleet, AtomicInteger ids) {
        ChangePlanner planner = new ChangePlanner(lbs, () -> "plan-" + ids.incrementAndGet());
        ChangeApplier applier = new ChangeApplier(
                lbs,
                planner,
                journal,
                CLOCK,
                duration -> {},
                new ChangeApplier.Verify(1, Duration.ZERO, Duration.ZERO),
                () -> "entry-" + ids.incrementAndGet());
        return new CdnHeaderRequirement(planner, applier, fleet, journal, CLOCK);
    }
}
