package dev.triage.agent.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final String WRITES = "/listeners/0/rules/0";
    private static final String READS = "/listeners/0/rules/1";

    private static ExampleConfig example() {
        return ExampleConfig.load();
    }

    @Test
    void documentedExampleIsValid() {
        assertThat(example().problems()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceInDocumentOrder() {
        List<String> problems = example()
                .set("/version", " ")
                .set("/listeners/0/port", 0)
                .set("/listeners/0/protocol", "HTTPS")
                .set(WRITES + "/priority", 50_001)
                .set(WRITES + "/action/forward/targetGroups/0/weight", 1200)
                .set(WRITES + "/policy/retry/maxAttempts", 11)
                .set(READS + "/conditions/0/values/0", "get")
                .set(READS + "/policy/hedge/maxHedges", 4)
                .set("/targetGroups/0/targets/0/port", 70_000)
                .set("/cache/maxBytes", -1)
                .problems();

        assertThat(problems)
                .containsExactly(
                        "version: \" \" (expected: a non-blank label)",
                        "listeners[0].tls: null (expected: certificateChainFile and privateKeyFile for an HTTPS listener)",
                        "listeners[0].port: 0 (expected: 1..65535)",
                        "listeners[0].rules[0].priority: 50001 (expected: 1..50000)",
                        "listeners[0].rules[0].action.forward.targetGroups[0].weight: 1200 (expected: 0..999)",
                        "listeners[0].rules[0].policy.retry.maxAttempts: 11 (expected: 1..10)",
                        "listeners[0].rules[1].conditions[0].values[0]: get (expected: a method name in upper case, like GET)",
                        "listeners[0].rules[1].policy.hedge.maxHedges: 4 (expected: 1..3)",
                        "targetGroups[0].targets[0].port: 70000 (expected: 1..65535)",
                        "cache.maxBytes: -1 (expected: a positive number)");
    }

    @Test
    void configErrorCarriesItsParts() {
        List<ConfigError> errors = ConfigValidator.validate(example()
                .set(WRITES + "/action/forward/targetGroups/0/weight", 1200)
                .config());

        assertThat(errors)
                .containsExactly(new ConfigError(
                        "listeners[0].rules[0].action.forward.targetGroups[0].weight", "1200", "0..999"));
    }

    @Nested
    class TopLevel {
        @Test
        void needsAVersionAndAListener() {
            assertThat(example().remove("/version").remove("/listeners/0").problems())
                    .containsExactly(
                            "version: null (expected: a non-blank label)",
                            "listeners: [] (expected: at least one listener)");
        }

        @Test
        void enabledAccessLogNeedsAPath() {
            assertThat(example().setJson("/accessLog", "{\"enabled\": true}").problems())
                    .containsExactly("accessLog.path: null (expected: a file path, or - for standard output)");
            assertThat(example()
                            .setJson("/accessLog", "{\"enabled\": true, \"path\": \"-\"}")
                            .problems())
                    .isEmpty();
        }
    }

    @Nested
    class Listeners {
        @Test
        void namesAreUniqueAndPortsMustNotClash() {
            ExampleConfig config = example();
            config.setJson("/listeners/1", """
                    {"name": "traffic", "bindAddress": "127.0.0.1", "port": 8080,
                     "defaultAction": {"type": "fixed-response", "fixedResponse": {"statusCode": 404}}}""");

            assertThat(config.problems())
                    .containsExactly(
                            "listeners[1].name: traffic (expected: a name no other listener uses)",
                            "listeners[1].port: 8080 (expected: a port no other listener binds on 127.0.0.1 (listener traffic does))");
        }

        @Test
        void samePortOnTwoSpecificAddressesIsFine() {
            ExampleConfig config = example().set("/listeners/0/bindAddress", "127.0.0.1");
            config.setJson("/listeners/1", """
                    {"name": "other", "bindAddress": "127.0.0.2", "port": 8080,
                     "defaultAction": {"type": "fixed-response", "fixedResponse": {"statusCode": 404}}}""");

            assertThat(config.problems()).isEmpty();
        }

        @Test
        void portIsOneTo65535() {
            assertThat(example().set("/listeners/0/port", 65_536).problems())
                    .containsExactly("listeners[0].port: 65536 (expected: 1..65535)");
            assertThat(example().set("/listeners/0/port", 65_535).problems()).isEmpty();
            assertThat(example().set("/listeners/0/port", 1).problems()).isEmpty();
        }

        @Test
        void protocolIsHttpOrHttps() {
            assertThat(example().set("/listeners/0/protocol", "http").problems())
                    .containsExactly("listeners[0].protocol: http (expected: HTTP or HTTPS)");
            assertThat(example().set("/listeners/0/protocol", "TCP").problems())
                    .containsExactly("listeners[0].protocol: TCP (expected: HTTP or HTTPS)");
        }

        @Test
        void httpsNeedsBothTlsFiles() {
            assertThat(example().set("/listeners/0/protocol", "HTTPS").problems())
                    .containsExactly(
                            "listeners[0].tls: null (expected: certificateChainFile and privateKeyFile for an HTTPS listener)");
            assertThat(example()
                            .set("/listeners/0/protocol", "HTTPS")
                            .setJson("/listeners/0/tls", "{\"certificateChainFile\": \" \"}")
                            .problems())
                    .containsExactly(
                            "listeners[0].tls.certificateChainFile: \" \" (expected: the path of a PEM certificate chain file)",
                            "listeners[0].tls.privateKeyFile: null (expected: the path of a PEM PKCS#8 private key file)");
            assertThat(example()
                            .set("/listeners/0/protocol", "HTTPS")
                            .setJson(
                                    "/listeners/0/tls",
                                    "{\"certificateChainFile\": \"/etc/triage/cert.pem\", \"privateKeyFile\": \"/etc/triage/key.pem\"}")
                            .problems())
                    .isEmpty();
        }

        @Test
        void httpHasNoTls() {
            assertThat(example()
                            .setJson(
                                    "/listeners/0/tls",
                                    "{\"certificateChainFile\": \"cert.pem\", \"privateKeyFile\": \"key.pem\"}")
                            .problems())
                    .containsExactly(
                            "listeners[0].tls: {...} (expected: no tls on an HTTP listener (use protocol HTTPS))");
        }

        @Test
        void bindAddressIsALiteralIpNeverAName() {
            assertThat(example().set("/listeners/0/bindAddress", "localhost").problems())
                    .containsExactly(
                            "listeners[0].bindAddress: localhost (expected: a literal IPv4 or IPv6 address like 0.0.0.0)");
            assertThat(example().set("/listeners/0/bindAddress", "256.0.0.1").problems())
                    .hasSize(1);
            assertThat(example().set("/listeners/0/bindAddress", "::1").problems())
                    .isEmpty();
            assertThat(example().set("/listeners/0/bindAddress", "::").problems())
                    .isEmpty();
            assertThat(example().set("/listeners/0/bindAddress", "127.0.0.1").problems())
                    .isEmpty();
        }

        @Test
        void needsADefaultAction() {
            assertThat(example().remove("/listeners/0/defaultAction").problems())
                    .containsExactly("listeners[0].defaultAction: null (expected: an action for unmatched requests)");
        }
    }

    @Nested
    class Rules {
        @Test
        void namesAreUniqueAcrossTheWholeConfig() {
            ExampleConfig config = example();
            config.setJson("/listeners/1", """
                    {"name": "admin", "port": 8081,
                     "rules": [{"name": "reads", "priority": 10,
                                "conditions": [{"type": "path-pattern", "values": ["/x"]}],
                                "action": {"type": "fixed-response", "fixedResponse": {"statusCode": 204}}}],
                     "defaultAction": {"type": "fixed-response", "fixedResponse": {"statusCode": 404}}}""");

            // priority 10 is also used by listener 0, which is fine: priorities are per listener
            assertThat(config.problems())
                    .containsExactly(
                            "listeners[1].rules[0].name: reads (expected: a rule name used once in the whole config)");
        }

        @Test
        void prioritiesAreUniqueWithinAListenerAndInRange() {
            assertThat(example().set(READS + "/priority", 10).problems())
                    .containsExactly(
                            "listeners[0].rules[1].priority: 10 (expected: a priority no other rule of this listener has (rule writes has it))");
            assertThat(example().set(READS + "/priority", 0).problems())
                    .containsExactly("listeners[0].rules[1].priority: 0 (expected: 1..50000)");
            assertThat(example().set(READS + "/priority", 50_000).problems()).isEmpty();
        }

        @Test
        void needsANameAnActionAndAConditions() {
            assertThat(example()
                            .remove(READS + "/name")
                            .remove(READS + "/action")
                            .remove(READS + "/conditions")
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[1].name: null (expected: a non-blank name)",
                            "listeners[0].rules[1].conditions: [] (expected: at least one condition (the listener's defaultAction catches the rest))",
                            "listeners[0].rules[1].action: null (expected: an action)");
        }
    }

    @Nested
    class Conditions {
        private static final String CONDITION = READS + "/conditions/0";

        private List<String> problemsOf(String conditionJson) {
            return example().setJson(CONDITION, conditionJson).problems();
        }

        @Test
        void typeIsOneOfTheAlbTypes() {
            assertThat(problemsOf("{\"type\": \"cookie\", \"values\": [\"a\"]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].type: cookie (expected: one of path-pattern, host-header, http-header, http-request-method, query-string, source-ip)");
        }

        @Test
        void holdsOneToFiveValues() {
            assertThat(problemsOf("{\"type\": \"path-pattern\", \"values\": []}"))
                    .containsExactly("listeners[0].rules[1].conditions[0].values: 0 values (expected: 1..5 values)");
            assertThat(problemsOf(
                            "{\"type\": \"path-pattern\", \"values\": [\"/a\",\"/b\",\"/c\",\"/d\",\"/e\",\"/f\"]}"))
                    .containsExactly("listeners[0].rules[1].conditions[0].values: 6 values (expected: 1..5 values)");
            assertThat(problemsOf("{\"type\": \"path-pattern\", \"values\": [\"/a\",\"/b\",\"/c\",\"/d\",\"/e\"]}"))
                    .isEmpty();
        }

        @Test
        void pathPatternsStartWithSlashAndAreAtMost128Characters() {
            assertThat(problemsOf(
                            "{\"type\": \"path-pattern\", \"values\": [\"api/*\", \"/" + "a".repeat(128) + "\"]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].values[0]: api/* (expected: a path pattern starting with /)",
                            "listeners[0].rules[1].conditions[0].values[1]: 129 characters (expected: 1..128 characters)");
            assertThat(problemsOf("{\"type\": \"path-pattern\", \"values\": [\"/api/*\", \"/v?/x\"]}"))
                    .isEmpty();
        }

        @Test
        void httpHeaderNeedsAHeaderNameAndOthersMustNotHaveOne() {
            assertThat(problemsOf("{\"type\": \"http-header\", \"values\": [\"*gzip*\"]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].headerName: null (expected: a header name (token of 1..40 characters))");
            assertThat(problemsOf(
                            "{\"type\": \"http-header\", \"headerName\": \"Accept Encoding\", \"values\": [\"x\"]}"))
                    .hasSize(1);
            assertThat(
                            problemsOf(
                                    "{\"type\": \"http-header\", \"headerName\": \"Accept-Encoding\", \"values\": [\"*gzip*\"]}"))
                    .isEmpty();
            assertThat(problemsOf("{\"type\": \"path-pattern\", \"headerName\": \"X\", \"values\": [\"/\"]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].headerName: X (expected: absent for a path-pattern condition)");
        }

        @Test
        void methodsAreUpperCaseTokens() {
            assertThat(problemsOf("{\"type\": \"http-request-method\", \"values\": [\"GET\", \"Post\", \"M SEARCH\"]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].values[1]: Post (expected: a method name in upper case, like GET)",
                            "listeners[0].rules[1].conditions[0].values[2]: M SEARCH (expected: a method name in upper case, like GET)");
        }

        @Test
        void sourceIpValuesAreIpv4OrIpv6Cidrs() {
            assertThat(
                            problemsOf(
                                    "{\"type\": \"source-ip\", \"values\": [\"10.0.0.0/8\", \"2001:db8::/32\", \"192.0.2.7/32\", \"::1/128\"]}"))
                    .isEmpty();
            assertThat(
                            problemsOf(
                                    "{\"type\": \"source-ip\", \"values\": [\"10.0.0.1\", \"10.0.0.0/33\", \"2001:db8::/129\", \"example.com/8\", \"10.0.0.0/x\"]}"))
                    .hasSize(5)
                    .allMatch(
                            problem -> problem.endsWith("(expected: a CIDR block like 192.0.2.0/24 or 2001:db8::/32)"));
        }

        @Test
        void hostPatternsUseAlbCharacters() {
            assertThat(problemsOf("{\"type\": \"host-header\", \"values\": [\"*.example.com\", \"api?.example.org\"]}"))
                    .isEmpty();
            assertThat(problemsOf("{\"type\": \"host-header\", \"values\": [\"exa mple.com\"]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].values[0]: exa mple.com (expected: a host pattern of letters, digits, '-', '.', '*' and '?')");
        }

        @Test
        void queryStringUsesOneToFivePairsAndNoValues() {
            assertThat(
                            problemsOf(
                                    "{\"type\": \"query-string\", \"queryPairs\": [{\"key\": \"version\", \"value\": \"v*\"}, {\"value\": \"x\"}]}"))
                    .isEmpty();
            assertThat(problemsOf("{\"type\": \"query-string\", \"values\": [\"a=b\"]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].values: [a=b] (expected: absent for a query-string condition (use queryPairs))",
                            "listeners[0].rules[1].conditions[0].queryPairs: 0 pairs (expected: 1..5 pairs)");
            String sixPairs = "{\"value\": \"a\"},".repeat(5) + "{\"key\": \"\", \"value\": \"\"}";
            assertThat(problemsOf("{\"type\": \"query-string\", \"queryPairs\": [" + sixPairs + "]}"))
                    .containsExactly(
                            "listeners[0].rules[1].conditions[0].queryPairs: 6 pairs (expected: 1..5 pairs)",
                            "listeners[0].rules[1].conditions[0].queryPairs[5].key: \"\" (expected: absent (any key) or 1..128 characters)",
                            "listeners[0].rules[1].conditions[0].queryPairs[5].value: \"\" (expected: a value pattern of 1..128 characters)");
        }

        @Test
        void singularTypesAppearOncePerRule() {
            ExampleConfig config = example()
                    .setJson(READS + "/conditions/1", "{\"type\": \"http-request-method\", \"values\": [\"PUT\"]}");
            config.setJson(
                    READS + "/conditions/2", "{\"type\": \"http-header\", \"headerName\": \"A\", \"values\": [\"1\"]}");
            config.setJson(
                    READS + "/conditions/3", "{\"type\": \"http-header\", \"headerName\": \"B\", \"values\": [\"2\"]}");

            assertThat(config.problems())
                    .containsExactly(
                            "listeners[0].rules[1].conditions[1].type: http-request-method (expected: one http-request-method condition per rule (conditions[0] is one; list more values there instead))");
        }
    }

    @Nested
    class Actions {
        private static final String ACTION = WRITES + "/action";

        private List<String> problemsOf(String actionJson) {
            return example().setJson(ACTION, actionJson).problems();
        }

        @Test
        void typeIsOneOfThreeWithExactlyItsPartSet() {
            assertThat(problemsOf("{\"type\": \"drop\"}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.type: drop (expected: one of forward, redirect, fixed-response)");
            assertThat(problemsOf("{\"type\": \"forward\", \"fixedResponse\": {\"statusCode\": 200}}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.forward: null (expected: the forward settings)",
                            "listeners[0].rules[0].action.fixedResponse: set (expected: absent for a forward action)");
        }

        @Test
        void forwardNamesOneToFiveKnownDistinctGroups() {
            assertThat(problemsOf("{\"type\": \"forward\", \"forward\": {\"targetGroups\": []}}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.forward.targetGroups: 0 groups (expected: 1..5 target groups)");
            assertThat(
                            problemsOf(
                                    "{\"type\": \"forward\", \"forward\": {\"targetGroups\": [{\"name\": \"hosp\", \"weight\": 1}, {\"name\": \"hosp\", \"weight\": 1}, {\"name\": \"nope\", \"weight\": 1}]}}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.forward.targetGroups[1].name: hosp (expected: each target group once in a forward)",
                            "listeners[0].rules[0].action.forward.targetGroups[2].name: nope (expected: the name of a target group (hosp))");
            String six = "{\"name\": \"hosp\", \"weight\": 1},".repeat(5) + "{\"name\": \"hosp\", \"weight\": 1}";
            assertThat(problemsOf("{\"type\": \"forward\", \"forward\": {\"targetGroups\": [" + six + "]}}"))
                    .contains(
                            "listeners[0].rules[0].action.forward.targetGroups: 6 groups (expected: 1..5 target groups)");
        }

        @Test
        void weightsAre0To999WithAtLeastOnePositive() {
            assertThat(problemsOf("{\"type\": \"forward\", \"forward\": {\"targetGroups\": [{\"name\": \"hosp\"}]}}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.forward.targetGroups: no positive weight (expected: at least one weight > 0)");
            assertThat(
                            problemsOf(
                                    "{\"type\": \"forward\", \"forward\": {\"targetGroups\": [{\"name\": \"hosp\", \"weight\": -1}]}}"))
                    .startsWith("listeners[0].rules[0].action.forward.targetGroups[0].weight: -1 (expected: 0..999)");
            assertThat(
                            problemsOf(
                                    "{\"type\": \"forward\", \"forward\": {\"targetGroups\": [{\"name\": \"hosp\", \"weight\": 999}]}}"))
                    .isEmpty();
        }

        @Test
        void enabledStickinessLastsUpToAWeek() {
            String forward =
                    "{\"type\": \"forward\", \"forward\": {\"targetGroups\": [{\"name\": \"hosp\", \"weight\": 1}], \"stickiness\": %s}}";
            assertThat(problemsOf(forward.formatted("{\"enabled\": true, \"durationSeconds\": 604801}")))
                    .containsExactly(
                            "listeners[0].rules[0].action.forward.stickiness.durationSeconds: 604801 (expected: 1..604800)");
            assertThat(problemsOf(forward.formatted("{\"enabled\": true}"))).isEmpty();
            assertThat(problemsOf(forward.formatted("{\"enabled\": false, \"durationSeconds\": -5}")))
                    .isEmpty();
        }

        @Test
        void redirectUses301Or302AKnownProtocolAndChangesSomething() {
            assertThat(
                            problemsOf(
                                    "{\"type\": \"redirect\", \"redirect\": {\"protocol\": \"FTP\", \"port\": \"70000\", \"path\": \"x\", \"statusCode\": 307}}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.redirect.statusCode: 307 (expected: 301 or 302)",
                            "listeners[0].rules[0].action.redirect.protocol: FTP (expected: one of HTTP, HTTPS, #{protocol})",
                            "listeners[0].rules[0].action.redirect.port: 70000 (expected: 1..65535, #{port}, or absent to keep the request's)",
                            "listeners[0].rules[0].action.redirect.path: x (expected: a path starting with /, like /#{path})");
            assertThat(
                            problemsOf(
                                    "{\"type\": \"redirect\", \"redirect\": {\"protocol\": \"#{protocol}\", \"statusCode\": 301}}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.redirect: a redirect to the same URL (expected: a change of protocol, host, port or path (or it loops))");
            assertThat(
                            problemsOf(
                                    "{\"type\": \"redirect\", \"redirect\": {\"protocol\": \"HTTPS\", \"port\": \"443\", \"statusCode\": 301}}"))
                    .isEmpty();
        }

        @Test
        void fixedResponseIsStatus200To599WithABodyOfAtMost1024Bytes() {
            assertThat(problemsOf("{\"type\": \"fixed-response\", \"fixedResponse\": {\"statusCode\": 600, \"body\": \""
                            + "é".repeat(513) + "\"}}"))
                    .containsExactly(
                            "listeners[0].rules[0].action.fixedResponse.statusCode: 600 (expected: 200..599)",
                            "listeners[0].rules[0].action.fixedResponse.body: 1026 bytes (expected: at most 1024 bytes (UTF-8))");
            assertThat(problemsOf("{\"type\": \"fixed-response\", \"fixedResponse\": {\"statusCode\": 503, \"body\": \""
                            + "x".repeat(1024) + "\"}}"))
                    .isEmpty();
        }

        @Test
        void defaultActionIsCheckedLikeARuleAction() {
            assertThat(example()
                            .set("/listeners/0/defaultAction/forward/targetGroups/0/name", "gone")
                            .problems())
                    .containsExactly(
                            "listeners[0].defaultAction.forward.targetGroups[0].name: gone (expected: the name of a target group (hosp))");
        }
    }

    @Nested
    class TargetGroups {
        @Test
        void namesFollowAlbRulesAndAreUnique() {
            ExampleConfig config = example()
                    .setJson("/targetGroups/1", "{\"name\": \"hosp\", \"targets\": [{\"host\": \"h\", \"port\": 1}]}");
            config.setJson(
                    "/targetGroups/2", "{\"name\": \"-bad_name\", \"targets\": [{\"host\": \"h\", \"port\": 1}]}");

            assertThat(config.problems())
                    .containsExactly(
                            "targetGroups[1].name: hosp (expected: a name no other target group uses)",
                            "targetGroups[2].name: -bad_name (expected: 1..32 letters, digits or hyphens, not starting or ending with a hyphen)");
        }

        @Test
        void targetsHaveAHostAndAPortAndAppearOnce() {
            assertThat(example().setJson("/targetGroups/0/targets", "[]").problems())
                    .containsExactly("targetGroups[0].targets: [] (expected: at least one target)");
            assertThat(example()
                            .setJson(
                                    "/targetGroups/0/targets",
                                    "[{\"host\": \" \", \"port\": 0}, {\"host\": \"127.0.0.1\", \"port\": 9000}, {\"host\": \"127.0.0.1\", \"port\": 9000}]")
                            .problems())
                    .containsExactly(
                            "targetGroups[0].targets[0].host: \" \" (expected: a host name or IP address)",
                            "targetGroups[0].targets[0].port: 0 (expected: 1..65535)",
                            "targetGroups[0].targets[2]: 127.0.0.1:9000 (expected: each target once in a group)");
        }

        @Test
        void connectionSettingsArePositiveAndBounded() {
            assertThat(example()
                            .set("/targetGroups/0/connectTimeoutMs", -1)
                            .set("/targetGroups/0/maxConnectionsPerTarget", 10_001)
                            .set("/targetGroups/0/maxResponseBytes", -1)
                            .problems())
                    .containsExactly(
                            "targetGroups[0].connectTimeoutMs: -1 (expected: a positive number)",
                            "targetGroups[0].maxConnectionsPerTarget: 10001 (expected: 1..10000)",
                            "targetGroups[0].maxResponseBytes: -1 (expected: a positive number)");
        }

        @Test
        void healthCheckTimesOutBeforeTheNextCheckAndUsesThresholds2To10() {
            assertThat(example()
                            .setJson(
                                    "/targetGroups/0/healthCheck",
                                    "{\"path\": \"health\", \"intervalMs\": 1000, \"timeoutMs\": 1000, \"healthyThreshold\": 1, \"unhealthyThreshold\": 11}")
                            .problems())
                    .containsExactly(
                            "targetGroups[0].healthCheck.path: health (expected: a path starting with /)",
                            "targetGroups[0].healthCheck.timeoutMs: 1000 (expected: less than intervalMs (1000))",
                            "targetGroups[0].healthCheck.healthyThreshold: 1 (expected: 2..10)",
                            "targetGroups[0].healthCheck.unhealthyThreshold: 11 (expected: 2..10)");
            assertThat(example().setJson("/targetGroups/0/healthCheck", "{}").problems())
                    .isEmpty();
        }
    }

    @Nested
    class Retry {
        private static final String RETRY = READS + "/policy/retry";

        @Test
        void boundsAttemptsTimeoutsAndBackoff() {
            assertThat(example()
                            .set(RETRY + "/maxAttempts", -1)
                            .set(RETRY + "/perTryTimeoutMs", 8000)
                            .set(RETRY + "/deadlineMs", 7999)
                            .set(RETRY + "/backoffBaseMs", 500)
                            .set(RETRY + "/backoffMaxMs", 499)
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.retry.maxAttempts: -1 (expected: 1..10)",
                            "listeners[0].rules[1].policy.retry.deadlineMs: 7999 (expected: >= perTryTimeoutMs (8000))",
                            "listeners[0].rules[1].policy.retry.backoffMaxMs: 499 (expected: >= backoffBaseMs (500))");
            assertThat(example()
                            .set(RETRY + "/perTryTimeoutMs", -5)
                            .set(RETRY + "/backoffBaseMs", -1)
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.retry.perTryTimeoutMs: -5 (expected: a positive number)",
                            "listeners[0].rules[1].policy.retry.backoffBaseMs: -1 (expected: a positive number)");
        }

        @Test
        void needsItsBoundsSpelledOut() {
            assertThat(example().setJson(RETRY, "{}").problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.retry.maxAttempts: 0 (expected: 1..10)",
                            "listeners[0].rules[1].policy.retry.perTryTimeoutMs: 0 (expected: a positive number)",
                            "listeners[0].rules[1].policy.retry.deadlineMs: 0 (expected: a positive number)",
                            "listeners[0].rules[1].policy.retry.backoffBaseMs: 0 (expected: a positive number)");
        }

        @Test
        void retriesOnKnownConditionsOnce() {
            assertThat(example()
                            .set(RETRY + "/retryOn", List.of("503", "429", "503", "reset"))
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.retry.retryOn[1]: 429 (expected: one of connect-failure, reset, timeout, 500, 502, 503, 504)",
                            "listeners[0].rules[1].policy.retry.retryOn[2]: 503 (expected: each condition once)");
        }

        @Test
        void budgetIsAShareWithANonNegativeFloor() {
            assertThat(example()
                            .set(RETRY + "/budget", Map.of("ratio", 1.5, "minPerSecond", -1))
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.retry.budget.ratio: 1.5 (expected: 0..1 (a share of requests))",
                            "listeners[0].rules[1].policy.retry.budget.minPerSecond: -1 (expected: >= 0)");
            assertThat(example()
                            .set(RETRY + "/budget", Map.of("ratio", 0, "minPerSecond", 0))
                            .problems())
                    .isEmpty();
        }

        @Test
        void holdsWritesNoLongerThanTheDeadline() {
            assertThat(example()
                            .set(WRITES + "/policy/retry/holdWritesMs", 90_001)
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[0].policy.retry.holdWritesMs: 90001 (expected: 0..deadlineMs (0..90000))");
            assertThat(example()
                            .set(WRITES + "/policy/retry/holdWritesMs", 90_000)
                            .problems())
                    .isEmpty();
        }

        @Test
        void idempotencyKeyHeaderIsAHeaderName() {
            assertThat(example()
                            .set(WRITES + "/policy/retry/idempotencyKeyHeader", "Idempotency Key")
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[0].policy.retry.idempotencyKeyHeader: Idempotency Key (expected: a header name)");
        }
    }

    @Nested
    class Hedge {
        private static final String HEDGE = READS + "/policy/hedge";

        @Test
        void delayIsPositiveAndShorterThanTheRetryPerTryTimeout() {
            assertThat(example().set(HEDGE + "/delayMs", -1).problems())
                    .containsExactly("listeners[0].rules[1].policy.hedge.delayMs: -1 (expected: a positive number)");
            assertThat(example().set(HEDGE + "/delayMs", 8000).problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.hedge.delayMs: 8000 (expected: less than retry.perTryTimeoutMs (8000))");
            assertThat(example()
                            .set(HEDGE + "/delayMs", 8000)
                            .remove(READS + "/policy/retry")
                            .problems())
                    .isEmpty();
        }

        @Test
        void sendsOneToThreeHedges() {
            assertThat(example().set(HEDGE + "/maxHedges", -1).problems())
                    .containsExactly("listeners[0].rules[1].policy.hedge.maxHedges: -1 (expected: 1..3)");
            assertThat(example().set(HEDGE + "/maxHedges", 3).problems()).isEmpty();
        }
    }

    @Nested
    class Cache {
        private static final String CACHE = READS + "/policy/cache";

        @Test
        void timesAreNotNegative() {
            assertThat(example()
                            .set(CACHE + "/ttlMs", -1)
                            .set(CACHE + "/staleWhileRevalidateMs", -1)
                            .set(CACHE + "/staleIfErrorMs", -1)
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.cache.ttlMs: -1 (expected: >= 0)",
                            "listeners[0].rules[1].policy.cache.staleWhileRevalidateMs: -1 (expected: >= 0)",
                            "listeners[0].rules[1].policy.cache.staleIfErrorMs: -1 (expected: >= 0)");
            assertThat(example().set(CACHE + "/ttlMs", 0).problems()).isEmpty();
        }

        @Test
        void entriesFitInTheStore() {
            assertThat(example()
                            .set("/cache/maxBytes", 1000)
                            .set(CACHE + "/maxEntryBytes", 1001)
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.cache.maxEntryBytes: 1001 (expected: at most cache.maxBytes (1000))");
            assertThat(example().set(CACHE + "/maxEntryBytes", -1).problems())
                    .containsExactly(
                            "listeners[0].rules[1].policy.cache.maxEntryBytes: -1 (expected: a positive number)");
        }
    }

    @Nested
    class Gates {
        private static final String GATES = WRITES + "/policy/gates";

        @Test
        void requiredHeaderHasATokenNameAndNonBlankValues() {
            assertThat(example()
                            .setJson(GATES + "/requiredHeader", "{\"name\": \"X CDN\", \"values\": []}")
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[0].policy.gates.requiredHeader.name: X CDN (expected: a header name)",
                            "listeners[0].rules[0].policy.gates.requiredHeader.values: [] (expected: at least one accepted value)");
            assertThat(example()
                            .setJson(
                                    GATES + "/requiredHeader",
                                    "{\"name\": \"X-CDN-Secret\", \"values\": [\"old\", \" \"]}")
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[0].policy.gates.requiredHeader.values[1]: \" \" (expected: a non-blank value)");
            assertThat(example()
                            .setJson(
                                    GATES + "/requiredHeader",
                                    "{\"name\": \"X-CDN-Secret\", \"values\": [\"old\", \"new\"]}")
                            .problems())
                    .isEmpty();
        }

        @Test
        void bodyLimitIsNotNegativeAndMethodsAreUpperCase() {
            assertThat(example()
                            .set(GATES + "/maxBodyBytes", -1)
                            .set(GATES + "/allowedMethods", List.of("POST", "patch"))
                            .problems())
                    .containsExactly(
                            "listeners[0].rules[0].policy.gates.maxBodyBytes: -1 (expected: >= 0)",
                            "listeners[0].rules[0].policy.gates.allowedMethods[1]: patch (expected: a method name in upper case, like GET)");
        }
    }
}
