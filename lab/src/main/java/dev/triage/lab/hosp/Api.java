package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HOSP API in front of the resources: route (404, 405), Basic auth (401), roles (403), the optional
 * Idempotency-Key replay, and the write ledger. Knows nothing about sockets or faults.
 */
final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    static final String REALM = "Basic realm=\"HOSP\", charset=\"UTF-8\"";

    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
    private static final Set<Role> REGISTRARS = EnumSet.of(Role.RECEPTIONIST, Role.DOCTOR, Role.NURSE);
    private static final Set<Role> CLINICIANS = EnumSet.of(Role.DOCTOR, Role.NURSE);
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

    private final Store store;
    private final Resources resources;
    private final WriteLedger ledger;
    private final HospStats stats;
    private final boolean honourIdempotencyKey;
    private final ConcurrentHashMap<String, CompletableFuture<Replay>> replays = new ConcurrentHashMap<>();

    private record Replay(String fingerprint, ApiResponse response) {}

    Api(Store store, WriteLedger ledger, HospStats stats, boolean honourIdempotencyKey) {
        this.store = requireNonNull(store, "store");
        this.resources = new Resources(store);
        this.ledger = requireNonNull(ledger, "ledger");
        this.stats = requireNonNull(stats, "stats");
        this.honourIdempotencyKey = honourIdempotencyKey;
    }

    static final String HEALTH = "/health";

    ApiResponse handle(ApiRequest request) {
        if (request.path().equals(HEALTH) || request.path().equals(HEALTH + ".json")) {
            // The load balancer's health check: no credentials, but served (and failed) like the rest.
            return request.method().equals("GET")
                    ? new ApiResponse(200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8), Map.of(), false)
                    : ApiResponse.error(405, request.method() + " is not allowed here (allowed: GET)")
                            .withHeader("Allow", "GET");
        }
        Optional<Route> resolved = Route.resolve(request.path());
        if (resolved.isEmpty()) {
            return ApiResponse.error(404, "no such resource: " + request.path());
        }
        Route route = resolved.get();
        if (!route.resource().allows(request.method())) {
            return ApiResponse.error(
                            405,
                            request.method() + " is not allowed here (allowed: "
                                    + route.resource().allow() + ")")
                    .withHeader("Allow", route.resource().allow());
        }
        Optional<Staff> caller = authenticate(request.authorization());
        if (caller.isEmpty()) {
            return ApiResponse.error(401, "staff credentials required (HTTP Basic)")
                    .withHeader("WWW-Authenticate", REALM);
        }
        Staff staff = caller.get();
        Set<Role> allowed = allowedRoles(route.resource(), request.method());
        if (!allowed.contains(staff.role())) {
            return ApiResponse.error(
                    403, "role " + staff.role().jsonName() + " may not " + request.method() + " " + request.path());
        }
        if (honourIdempotencyKey && request.write() && request.idempotencyKey() != null) {
            return replayable(route, request, staff);
        }
        return execute(route, request, staff);
    }

    private ApiResponse execute(Route route, ApiRequest request, Staff staff) {
        ApiResponse response;
        try {
            response = resources.handle(route, request, staff);
        } catch (ApiError e) {
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("HOSP simulator failed on {} {}", request.method(), request.path(), e);
            return ApiResponse.error(500, "HOSP simulator error: " + e);
        }
        if (response.committed()) {
            ledger.commit(request.requestId());
            stats.committed();
        }
        return response;
    }

    /** A write with an Idempotency-Key: the first successful answer is kept and replayed for the same key. */
    private ApiResponse replayable(Route route, ApiRequest request, Staff staff) {
        String key = staff.id() + " " + request.idempotencyKey();
        String fingerprint = request.method() + " " + route;
        while (true) {
            CompletableFuture<Replay> mine = new CompletableFuture<>();
            CompletableFuture<Replay> earlier = replays.putIfAbsent(key, mine);
            if (earlier == null) {
                ApiResponse response;
                try {
                    response = execute(route, request, staff);
                } catch (RuntimeException e) {
                    replays.remove(key, mine);
                    mine.complete(null);
                    throw e;
                }
                if (response.status() < 300) {
                    mine.complete(new Replay(fingerprint, response));
                } else {
                    replays.remove(key, mine);
                    mine.complete(null);
                }
                return response;
            }
            Replay replay = earlier.join();
            if (replay == null) {
                continue;
            }
            if (!replay.fingerprint().equals(fingerprint)) {
                return ApiResponse.error(
                        422, "Idempotency-Key \"" + request.idempotencyKey() + "\" was used for another request");
            }
            return new ApiResponse(
                            replay.response().status(),
                            replay.response().body(),
                            replay.response().headers(),
                            false)
                    .withHeader("Idempotent-Replayed", "true");
        }
    }

    private Optional<Staff> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return store.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static Set<Role> allowedRoles(Route.Resource resource, String method) {
        if (method.equals("GET")) {
            return EVERYONE;
        }
        return switch (resource) {
            case HOSPITALS, HOSPITAL, STAFFS, STAFF -> ADMINS;
            case PATIENTS -> REGISTRARS;
            case NOTES, PATIENT_IMAGES -> CLINICIANS;
            default -> Set.of();
        };
    }
}
