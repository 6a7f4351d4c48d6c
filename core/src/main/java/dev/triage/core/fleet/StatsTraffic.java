package dev.triage.core.fleet;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.api.stats.RequestCounts;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.core.port.AgentFleet.Traffic;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * One agent's traffic between two stats snapshots, timed by the agent's own uptime: no clock needed.
 * The first snapshot, and one taken after a restart (uptime went back), cover the agent's whole uptime.
 */
final class StatsTraffic {

    private long uptimeMs = -1;
    private long requests;
    private long failed;
    private long hits;
    private long stale;
    private long misses;

    synchronized Traffic next(AgentStats stats) {
        RouteStats totals = stats.totals();
        if (totals == null) {
            return Traffic.UNKNOWN;
        }
        RequestCounts r = totals.requests() == null ? RequestCounts.ZERO : totals.requests();
        PolicyCounts p = totals.policies() == null ? PolicyCounts.ZERO : totals.policies();
        boolean fresh = uptimeMs < 0 || stats.uptimeMs() < uptimeMs || r.total() < requests;
        long windowMs = fresh ? stats.uptimeMs() : stats.uptimeMs() - uptimeMs;
        long dRequests = r.total() - (fresh ? 0 : requests);
        long dFailed = r.status5xx() - (fresh ? 0 : failed);
        long dHits = p.cacheHits() - (fresh ? 0 : hits);
        long dStale = p.cacheStale() - (fresh ? 0 : stale);
        long dMisses = p.cacheMisses() - (fresh ? 0 : misses);
        uptimeMs = stats.uptimeMs();
        requests = r.total();
        failed = r.status5xx();
        hits = p.cacheHits();
        stale = p.cacheStale();
        misses = p.cacheMisses();
        if (windowMs <= 0) {
            return Traffic.UNKNOWN;
        }
        double rps = Math.max(0, dRequests) * 1000.0 / windowMs;
        OptionalDouble success = dRequests <= 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(Math.clamp((double) (dRequests - dFailed) / dRequests, 0.0, 1.0));
        return new Traffic(
                rps, success, AdminApiFleet.cacheHitRatio(dHits, dStale, dMisses), Duration.ofMillis(windowMs));
    }
}
