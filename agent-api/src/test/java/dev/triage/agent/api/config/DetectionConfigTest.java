package dev.triage.agent.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionConfigTest {

    @Test
    void theExampleWithoutADetectionSectionGetsTheDefaultsOn() {
        AgentConfig config = ExampleConfig.load().config();

        assertThat(config.detection()).isEqualTo(Detection.DEFAULT);
        assertThat(config.detection().on()).isTrue();
        assertThat(config.detection().authFailures()).isEqualTo(new Detection.Burst(10, 60_000));
        assertThat(config.detection().notFound()).isEqualTo(new Detection.Burst(20, 60_000));
        assertThat(config.detection().writeRate()).isEqualTo(new Detection.WriteRate(10.0, 20, 10_000, 600_000));
        assertThat(config.detection().events()).isEqualTo(new Detection.Events(10_000, 20));
        assertThat(config.detection().maxSources()).isEqualTo(10_000);
        assertThat(ConfigValidator.validate(config)).isEmpty();
    }

    @Test
    void partialSectionsKeepTheOtherDefaults() {
        AgentConfig config = ExampleConfig.load()
                .setJson(
                        "/detection",
                        "{\"trustedProxies\": [\"10.0.0.0/8\", \"192.0.2.1\"], \"authFailures\": {\"windowMs\": 30000},"
                                + " \"writeRate\": {\"factor\": 5.5}}")
                .config();

        Detection detection = config.detection();
        assertThat(detection.on()).isTrue();
        assertThat(detection.trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.1");
        assertThat(detection.authFailures()).isEqualTo(new Detection.Burst(10, 30_000));
        assertThat(detection.writeRate()).isEqualTo(new Detection.WriteRate(5.5, 20, 10_000, 600_000));
        assertThat(ConfigValidator.validate(config)).isEmpty();
    }

    @Test
    void detectionCanBeTurnedOffAndRoundTrips() {
        AgentConfig config = ExampleConfig.load()
                .setJson("/detection", "{\"enabled\": false}")
                .config();

        assertThat(config.detection().on()).isFalse();
        AgentConfig again = ConfigCodec.read(ConfigCodec.write(config));
        assertThat(again).isEqualTo(config);
        assertThat(ConfigCodec.hash(again))
                .isNotEqualTo(ConfigCodec.hash(ExampleConfig.load().config()));
    }

    @Test
    void everyOutOfRangeFieldIsNamed() {
        List<String> problems = ExampleConfig.load().setJson("/detection", """
                        {"trustedProxies": ["10.0.0.0/33", "lb.internal"], "maxSources": 5,
                         "authFailures": {"threshold": 1, "windowMs": 500},
                         "notFound": {"threshold": -3},
                         "writeRate": {"factor": 1.2, "floor": -1, "bucketMs": 60000, "halfLifeMs": 30000},
                         "events": {"aggregateWindowMs": 999999, "maxPerSecond": 5000}}
                        """).problems();

        assertThat(problems)
                .containsExactly(
                        "detection.trustedProxies[0]: 10.0.0.0/33 (expected: an IP address or CIDR block such as 10.0.0.0/8)",
                        "detection.trustedProxies[1]: lb.internal (expected: an IP address or CIDR block such as 10.0.0.0/8)",
                        "detection.maxSources: 5 (expected: 100..1000000)",
                        "detection.authFailures.threshold: 1 (expected: 2..100000)",
                        "detection.authFailures.windowMs: 500 (expected: 1000..3600000)",
                        "detection.notFound.threshold: -3 (expected: 2..100000)",
                        "detection.writeRate.factor: 1.2 (expected: 1.5..1000 (times the source's usual rate))",
                        "detection.writeRate.floor: -1 (expected: 1..100000)",
                        "detection.writeRate.halfLifeMs: 30000 (expected: 60000..86400000)",
                        "detection.events.aggregateWindowMs: 999999 (expected: 1000..600000)",
                        "detection.events.maxPerSecond: 5000 (expected: 1..1000)");
    }

    @Test
    void unknownDetectionFieldsAreShapeErrors() {
        String json = ExampleConfig.load()
                .setJson("/detection", "{\"authFailure\": {\"threshold\": 3}, \"enabled\": \"yes\"}")
                .json();

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> ConfigCodec.read(json));
        List<String> problems =
                invalid.errors().stream().map(ConfigError::toString).toList();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("detection.authFailure: unknown field");
        assertThat(problems.get(1)).startsWith("detection.enabled: \"yes\"").endsWith("(expected: true or false)");
    }

    @Test
    void configsBuiltInCodeWithoutDetectionGetTheDefault() {
        AgentConfig config = new AgentConfig("v", List.of(), List.of(), null, null);

        assertThat(config.detection()).isEqualTo(Detection.DEFAULT);
    }
}
