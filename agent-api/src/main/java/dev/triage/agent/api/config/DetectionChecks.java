package dev.triage.agent.api.config;

import java.util.List;

/** Checks the {@code detection} section. */
final class DetectionChecks {

    static final int MAX_SOURCES_MIN = 100;
    static final int MAX_SOURCES_MAX = 1_000_000;
    static final int THRESHOLD_MIN = 2;
    static final int THRESHOLD_MAX = 100_000;
    static final int WINDOW_MIN_MS = 1_000;
    static final int WINDOW_MAX_MS = 3_600_000;
    static final int HALF_LIFE_MAX_MS = 86_400_000;
    static final int MAX_PER_SECOND_MAX = 1_000;

    private DetectionChecks() {}

    static void check(Problems problems, String path, Detection detection) {
        List<String> proxies = detection.trustedProxies();
        for (int i = 0; i < proxies.size(); i++) {
            String proxy = proxies.get(i);
            if (!Syntax.isIpLiteral(proxy) && !Syntax.isCidr(proxy)) {
                problems.add(
                        path + ".trustedProxies[" + i + "]", proxy, "an IP address or CIDR block such as 10.0.0.0/8");
            }
        }
        problems.range(path + ".maxSources", detection.maxSources(), MAX_SOURCES_MIN, MAX_SOURCES_MAX);
        burst(problems, path + ".authFailures", detection.authFailures());
        burst(problems, path + ".notFound", detection.notFound());
        Detection.WriteRate rate = detection.writeRate();
        String ratePath = path + ".writeRate";
        if (!(rate.factor() >= 1.5 && rate.factor() <= 1000)) {
            problems.add(ratePath + ".factor", rate.factor(), "1.5..1000 (times the source's usual rate)");
        }
        problems.range(ratePath + ".floor", rate.floor(), 1, THRESHOLD_MAX);
        boolean bucketOk = problems.range(ratePath + ".bucketMs", rate.bucketMs(), WINDOW_MIN_MS, WINDOW_MAX_MS);
        if (bucketOk) {
            problems.range(ratePath + ".halfLifeMs", rate.halfLifeMs(), rate.bucketMs(), HALF_LIFE_MAX_MS);
        } else {
            problems.range(ratePath + ".halfLifeMs", rate.halfLifeMs(), WINDOW_MIN_MS, HALF_LIFE_MAX_MS);
        }
        Detection.Events events = detection.events();
        problems.range(path + ".events.aggregateWindowMs", events.aggregateWindowMs(), WINDOW_MIN_MS, 600_000);
        problems.range(path + ".events.maxPerSecond", events.maxPerSecond(), 1, MAX_PER_SECOND_MAX);
    }

    private static void burst(Problems problems, String path, Detection.Burst burst) {
        problems.range(path + ".threshold", burst.threshold(), THRESHOLD_MIN, THRESHOLD_MAX);
        problems.range(path + ".windowMs", burst.windowMs(), WINDOW_MIN_MS, WINDOW_MAX_MS);
    }
}
