package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/** GET /_lab/ledger and GET /_lab/stats: what the lab reads; never faulted, no auth. */
final class AdminApi {
    static final String PREFIX = "/_lab/";

    private final WriteLedger ledger;
    private final HospStats stats;
    private final HospOptions options;
    private final BooleanSupplier outageActive;

    AdminApi(WriteLedger ledger, HospStats stats, HospOptions options, BooleanSupplier outageActive) {
        this.ledger = requireNonNull(ledger, "ledger");
        this.stats = requireNonNull(stats, "stats");
        this.options = requireNonNull(options, "options");
        this.outageActive = requireNonNull(outageActive, "outageActive");
    }

    ApiResponse handle(ApiRequest request) {
        String path = request.path().endsWith(".json")
                ? request.path().substring(0, request.path().length() - 5)
                : request.path();
        if (!path.equals("/_lab/ledger") && !path.equals("/_lab/stats")) {
            return ApiResponse.error(404, "no such lab resource: " + request.path());
        }
        if (!request.method().equals("GET")) {
            return ApiResponse.error(405, request.method() + " is not allowed here (allowed: GET)")
                    .withHeader("Allow", "GET");
        }
        return ApiResponse.json(200, path.equals("/_lab/ledger") ? ledger() : stats());
    }

    private Map<String, Object> ledger() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commits", ledger.commits());
        body.put("duplicates", ledger.duplicates());
        body.put("duplicate_ids", new TreeSet<>(ledger.duplicateIds()));
        body.put("commits_without_request_id", ledger.commitsWithoutRequestId());
        return body;
    }

    private Map<String, Object> stats() {
        HospStats.Snapshot s = stats.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", options.profile().name());
        body.put("time_scale", options.timeScale());
        body.put("seed", options.seed());
        body.put("outage_active", outageActive.getAsBoolean());
        body.put("attempts", s.attempts());
        body.put("failed", s.failed());
        body.put("errors_5xx", s.errors5xx());
        body.put("resets", s.resets());
        body.put("stalls", s.stalls());
        body.put("outage_rejections", s.outageRejections());
        body.put("outages", s.outages());
        body.put("committed_writes", s.committedWrites());
        body.put("p50_ms", s.p50Ms());
        body.put("p99_ms", s.p99Ms());
        body.put("max_ms", s.maxMs());
        return body;
    }
}
