package dev.triage.agent.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCodecTest {

    private static final String MINIMAL = """
            {
              "version": "min-1",
              "listeners": [{"name": "l", "port": 8080,
                             "defaultAction": {"type": "forward", "forward": {"targetGroups": [{"name": "up", "weight": 1}]}}}],
              "targetGroups": [{"name": "up", "targets": [{"host": "127.0.0.1", "port": 9000}]}]
            }
            """;

    private static List<String> errorsOf(String json) {
        try {
            ConfigCodec.read(json);
        } catch (InvalidConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected an InvalidConfigException for " + json);
    }

    @Test
    void readsTheDocumentedExampleAsValid() throws IOException {
        AgentConfig config = ConfigCodec.read(ExampleConfig.PATH);

        assertThat(config.version()).isEqualTo("hosp-default-1");
        Listener listener = config.listeners().getFirst();
        assertThat(listener.port()).isEqualTo(8080);
        assertThat(listener.rules()).extracting(Rule::name).containsExactly("writes", "reads");
        RetryPolicy writes = listener.rules().getFirst().policy().retry();
        assertThat(writes.holdWritesMs()).isEqualTo(60_000);
        assertThat(writes.upstreamHonoursIdempotencyKey()).isFalse();
        assertThat(listener.rules().get(1).policy().cache().staleIfErrorMs()).isEqualTo(86_400_000);
        assertThat(config.targetGroups().getFirst().targets())
                .containsExactly(new TargetGroup.Target("127.0.0.1", 9000));
        assertThat(config.accessLog()).isEqualTo(new AccessLog(false, "-"));
    }

    @Test
    void readsAndWritesAnHttpsListenersTlsFiles() {
        AgentConfig config = ConfigCodec.read(MINIMAL.replace(
                "\"port\": 8080,",
                "\"port\": 8443, \"protocol\": \"HTTPS\", \"tls\": {\"certificateChainFile\": \"/etc/t/chain.pem\","
                        + " \"privateKeyFile\": \"/etc/t/key.pem\"},"));

        Listener listener = config.listeners().getFirst();
        assertThat(listener.secure()).isTrue();
        assertThat(listener.tls()).isEqualTo(new Listener.Tls("/etc/t/chain.pem", "/etc/t/key.pem"));
        assertThat(ConfigCodec.read(ConfigCodec.write(config))).isEqualTo(config);
        assertThat(ConfigCodec.write(ConfigCodec.read(MINIMAL))).doesNotContain("tls");
    }

    @Test
    void omittedOptionalFieldsTakeTheRecordDefaults() {
        AgentConfig config = ConfigCodec.read(MINIMAL);

        Listener listener = config.listeners().getFirst();
        assertThat(listener.protocol()).isEqualTo(Listener.HTTP);
        assertThat(listener.bindAddress()).isEqualTo(Listener.DEFAULT_BIND_ADDRESS);
        assertThat(listener.rules()).isEmpty();
        TargetGroup group = config.targetGroups().getFirst();
        assertThat(group.connectTimeoutMs()).isEqualTo(TargetGroup.DEFAULT_CONNECT_TIMEOUT_MS);
        assertThat(group.maxConnectionsPerTarget()).isEqualTo(TargetGroup.DEFAULT_MAX_CONNECTIONS_PER_TARGET);
        assertThat(group.healthCheck()).isNull();
        assertThat(config.cache()).isEqualTo(CacheStore.DEFAULT);
        assertThat(config.accessLog()).isEqualTo(AccessLog.OFF);
    }

    @Test
    void omittedPolicyFieldsTakeTheirDefaults() {
        String retry =
                "{\"maxAttempts\": 2, \"perTryTimeoutMs\": 1000, \"deadlineMs\": 5000, \"backoffBaseMs\": 10, \"backoffMaxMs\": 100}";
        AgentConfig config = ConfigCodec.read(ExampleConfig.load()
                .setJson(
                        "/listeners/0/rules/1/policy",
                        "{\"retry\": " + retry + ", \"hedge\": {\"delayMs\": 100}, \"cache\": {}}")
                .json());

        RoutePolicy policy = config.listeners().getFirst().rules().get(1).policy();
        assertThat(policy.retry())
                .isEqualTo(new RetryPolicy(
                        2,
                        1000,
                        5000,
                        10,
                        100,
                        RetryPolicy.DEFAULT_RETRY_ON,
                        false,
                        RetryPolicy.Budget.DEFAULT,
                        RetryPolicy.DEFAULT_IDEMPOTENCY_KEY_HEADER,
                        false,
                        0));
        assertThat(policy.hedge().maxHedges()).isEqualTo(HedgePolicy.DEFAULT_MAX_HEDGES);
        assertThat(policy.cache().maxEntryBytes()).isEqualTo(CachePolicy.DEFAULT_MAX_ENTRY_BYTES);
        assertThat(policy.gates()).isNull();
    }

    @Test
    void explicitNullCountsAsOmitted() {
        AgentConfig config =
                ConfigCodec.read(MINIMAL.replace("\"port\": 8080,", "\"port\": 8080, \"protocol\": null,"));

        assertThat(config.listeners().getFirst().protocol()).isEqualTo(Listener.HTTP);
    }

    @Test
    void unknownFieldsAreErrorsNamingTheFieldItsPlaceAndWhatIsAllowed() {
        String json = MINIMAL.replace("\"port\": 8080,", "\"prot\": 8080,\n \"portt\": 1, \"port\": 8080,")
                .replace("\"version\": \"min-1\",", "\"version\": \"min-1\", \"verison\": 2,");

        assertThat(errorsOf(json))
                .containsExactly(
                        "verison: unknown field at line 2, column 23 (expected: one of version, listeners, targetGroups, cache, accessLog, detection)",
                        "listeners[0].prot: unknown field at line 3, column 31 (expected: one of name, protocol, bindAddress, port, rules, defaultAction, tls)",
                        "listeners[0].portt: unknown field at line 4, column 2 (expected: one of name, protocol, bindAddress, port, rules, defaultAction, tls)");
    }

    @Test
    void wrongTypesAreErrorsWithPathLineAndColumnAllAtOnce() {
        String json = MINIMAL.replace("\"port\": 8080,", "\"port\": \"8080\",")
                .replace("\"port\": 9000", "\"port\": 9000.5")
                .replace("\"weight\": 1", "\"weight\": [1]")
                .replace("\"version\": \"min-1\"", "\"version\": 1");

        assertThat(errorsOf(json))
                .containsExactly(
                        "version: 1 at line 2, column 14 (expected: a string)",
                        "listeners[0].port: \"8080\" at line 3, column 39 (expected: an integer (32-bit))",
                        "listeners[0].defaultAction.forward.targetGroups[0].weight: an array at line 4, column 109 (expected: an integer (32-bit))",
                        "targetGroups[0].targets[0].port: 9000.5 at line 5, column 77 (expected: an integer (32-bit))");
    }

    @Test
    void rejectsOutOfRangeIntegersDuplicateFieldsAndNullEntries() {
        String json = MINIMAL.replace("\"port\": 8080,", "\"port\": 99999999999, \"name\": \"again\",")
                .replace("\"targets\": [", "\"targets\": [null, ");

        assertThat(errorsOf(json))
                .containsExactly(
                        "listeners[0].port: 99999999999 at line 3, column 39 (expected: an integer (32-bit))",
                        "listeners[0].name: a second value at line 3, column 52 (expected: each field once)",
                        "targetGroups[0].targets[0]: null at line 5, column 47 (expected: an object)");
    }

    @Test
    void malformedJsonIsReportedWhereItStops() {
        assertThat(errorsOf("{\"version\": \"v\",\n \"listeners\": [ {\"port\": 80,} ]}"))
                .singleElement()
                .asString()
                .startsWith("listeners[0].port: Unexpected character ('}' (code 125))")
                .endsWith("at line 2, column 29 (expected: well-formed JSON)");
        assertThat(errorsOf("")).containsExactly("$: an empty document (expected: a JSON object)");
        assertThat(errorsOf("[]")).containsExactly("$: an array at line 1, column 1 (expected: an object)");
        assertThat(errorsOf("{} {}"))
                .containsExactly("$: more content after the config at line 1, column 4 (expected: one JSON object)");
    }

    @Test
    void readValidatesAndReportsEveryProblem() {
        String json = MINIMAL.replace("\"weight\": 1", "\"weight\": 1200").replace("\"port\": 8080", "\"port\": 0");

        assertThatThrownBy(() -> ConfigCodec.read(json))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.errors())
                                .extracting(ConfigError::toString)
                                .containsExactly(
                                        "listeners[0].port: 0 (expected: 1..65535)",
                                        "listeners[0].defaultAction.forward.targetGroups[0].weight: 1200 (expected: 0..999)"))
                .hasMessageContaining("invalid config: 2 problems")
                .hasMessageContaining("listeners[0].port: 0 (expected: 1..65535)");
    }

    @Test
    void parseDoesNotValidate() {
        AgentConfig config = ConfigCodec.parse(MINIMAL.replace("\"port\": 8080", "\"port\": 0"));

        assertThat(config.listeners().getFirst().port()).isZero();
    }

    @Test
    void readsFilesAndStreams(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("agent.json"), MINIMAL);
        InputStream in = new ByteArrayInputStream(MINIMAL.getBytes(StandardCharsets.UTF_8));

        assertThat(ConfigCodec.read(file)).isEqualTo(ConfigCodec.read(MINIMAL));
        assertThat(ConfigCodec.read(in)).isEqualTo(ConfigCodec.read(MINIMAL));
    }

    @Test
    void writeRoundTripsToAnEqualConfig() throws IOException {
        AgentConfig example = ConfigCodec.read(ExampleConfig.PATH);
        AgentConfig everything = ConfigCodec.read(ExampleConfig.load()
                .setJson("/listeners/0/rules/2", RuleJson.EVERY_PART)
                .setJson("/targetGroups/0/healthCheck", "{\"path\": \"/health\", \"intervalMs\": 5000}")
                .setJson("/accessLog", "{\"enabled\": true, \"path\": \"/var/log/agent.jsonl\"}")
                .set("/listeners/0/rules/0/policy/retry/retryOn", List.of())
                .set("/listeners/0/rules/0/policy/retry/notProcessedStatuses", List.of())
                .json());

        assertThat(ConfigCodec.read(ConfigCodec.write(example))).isEqualTo(example);
        assertThat(ConfigCodec.read(ConfigCodec.write(everything))).isEqualTo(everything);
        assertThat(everything
                        .listeners()
                        .getFirst()
                        .rules()
                        .getFirst()
                        .policy()
                        .retry()
                        .retryOn())
                .as("an empty retryOn must stay empty, not become the defaults")
                .isEmpty();
    }

    @Test
    void writeLeavesOutAbsentPartsAndEmptyLists() {
        String json = ConfigCodec.write(ConfigCodec.read(MINIMAL));

        assertThat(json).doesNotContain("null").doesNotContain("\"rules\"").doesNotContain("healthCheck");
        assertThat(json).contains("\"bindAddress\" : \"0.0.0.0\"");
    }

    @Test
    void hashIsStableForEqualConfigsHoweverTheJsonIsWritten() throws IOException {
        AgentConfig example = ConfigCodec.read(ExampleConfig.PATH);
        String reordered = ExampleConfig.load()
                .json()
                .replace("\"version\" : \"hosp-default-1\",", "")
                .replaceFirst("\\{", "{ \"version\": \"hosp-default-1\", ");
        AgentConfig sameWithDefaultsSpelledOut = ConfigCodec.read(ConfigCodec.write(example));

        String hash = ConfigCodec.hash(example);
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(ConfigCodec.hash(example));
        assertThat(ConfigCodec.hash(ConfigCodec.read(reordered))).isEqualTo(hash);
        assertThat(ConfigCodec.hash(sameWithDefaultsSpelledOut)).isEqualTo(hash);
        assertThat(ConfigCodec.canonicalJson(example))
                .startsWith("{\"accessLog\":")
                .doesNotContain("\n");
    }

    @Test
    void hashChangesWhenAnyValueChanges() throws IOException {
        AgentConfig example = ConfigCodec.read(ExampleConfig.PATH);
        AgentConfig otherWeight = ExampleConfig.load()
                .set("/listeners/0/defaultAction/forward/targetGroups/0/weight", 2)
                .config();
        AgentConfig otherVersion =
                ExampleConfig.load().set("/version", "hosp-default-2").config();

        assertThat(ConfigCodec.hash(otherWeight)).isNotEqualTo(ConfigCodec.hash(example));
        assertThat(ConfigCodec.hash(otherVersion)).isNotEqualTo(ConfigCodec.hash(example));
    }

    /** A rule that sets every optional part, for the round trip. */
    private static final class RuleJson {
        static final String EVERY_PART = """
                {"name": "everything", "priority": 30,
                 "conditions": [
                   {"type": "path-pattern", "values": ["/api/*"]},
                   {"type": "host-header", "values": ["*.example.com"]},
                   {"type": "http-header", "headerName": "X-Env", "values": ["prod"]},
                   {"type": "query-string", "queryPairs": [{"key": "v", "value": "2"}, {"value": "debug"}]},
                   {"type": "source-ip", "values": ["10.0.0.0/8", "2001:db8::/32"]}],
                 "action": {"type": "forward", "forward": {
                   "targetGroups": [{"name": "hosp", "weight": 3}],
                   "stickiness": {"enabled": true, "durationSeconds": 3600}}},
                 "policy": {
                   "retry": {"maxAttempts": 2, "perTryTimeoutMs": 1000, "deadlineMs": 3000,
                             "backoffBaseMs": 50, "backoffMaxMs": 500, "retryOn": ["500"],
                             "budget": {"ratio": 0.1, "minPerSecond": 0}},
                   "hedge": {"delayMs": 500, "maxHedges": 2},
                   "cache": {"ttlMs": 0, "shareAcrossPrincipals": true, "maxEntryBytes": 4096},
                   "gates": {"requiredHeader": {"name": "X-CDN-Secret", "values": ["a", "b"]},
                             "maxBodyBytes": 1024, "allowedMethods": ["GET"]}}}
                """;
    }
}
