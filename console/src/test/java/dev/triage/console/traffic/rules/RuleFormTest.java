package dev.triage.console.traffic.rules;

import static dev.triage.console.EdgeLoadBalancers.LEGACY;
import static dev.triage.console.EdgeLoadBalancers.LISTENER;
import static dev.triage.console.EdgeLoadBalancers.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.QueryString;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The editor's form: every edit builds the domain records and shows each problem next to its field. */
class RuleFormTest {

    private final InMemoryLoadBalancers lb = RulesLoadBalancers.create();
    private final AtomicInteger validations = new AtomicInteger();
    private final RuleForm form = new RuleForm(context(null), validations::incrementAndGet);

    private RuleEditorViewModel.Context context(Rule rule) {
        return new RuleEditorViewModel.Context(
                LISTENER,
                "HTTP :80 of edge",
                Protocol.HTTP,
                lb.rules(LISTENER),
                List.of(
                        new RuleEditorViewModel.Group("legacy", LEGACY),
                        new RuleEditorViewModel.Group("replacement", REPLACEMENT)),
                rule);
    }

    private ConditionForm first() {
        return form.conditions().getFirst();
    }

    private RuleForm.Draft draft() {
        return form.draftProperty().get();
    }

    @Test
    void aNewRuleStartsAtTheLowestFreePriorityWithAnEmptyPathAndIsInvalidUntilAPathIsTyped() {
        assertThat(form.priorityProperty().get()).isEqualTo("1");
        assertThat(first().typeProperty().get()).isEqualTo(ConditionType.PATH_PATTERN);
        assertThat(draft()).isNull();
        assertThat(first().valuesProblemProperty().get()).isEqualTo("path-pattern values: 0 (expected: 1..3)");

        first().valuesProperty().set("/api/*, /v2/*");

        assertThat(first().valuesProblemProperty().get()).isEmpty();
        assertThat(draft().priority()).isEqualTo(RulePriority.of(1));
        assertThat(draft().conditions()).containsExactly(PathPattern.of("/api/*", "/v2/*"));
        assertThat(draft().action()).isEqualTo(Forward.to(LEGACY));
        assertThat(validations.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void eachConditionTypeBuildsItsRecord() {
        first().valuesProperty().set("/a*");
        form.addCondition(ConditionType.HOST_HEADER);
        form.conditions().get(1).valuesProperty().set("api.example.com");
        form.addCondition(ConditionType.HTTP_REQUEST_METHOD);
        form.conditions().get(2).valuesProperty().set("POST");
        form.addCondition(ConditionType.HTTP_HEADER);
        form.conditions().get(3).nameProperty().set("X-Env");
        form.conditions().get(3).valuesProperty().set("blue");
        form.addCondition(ConditionType.QUERY_STRING);
        form.conditions().get(4).valuesProperty().set("v=2");

        assertThat(draft().conditions())
                .containsExactly(
                        PathPattern.of("/a*"),
                        HostHeader.of("api.example.com"),
                        HttpRequestMethod.of("POST"),
                        new HttpHeader("X-Env", List.of("blue")),
                        new QueryString(List.of(new QueryString.KeyValue("v", "2"))));

        form.removeCondition(form.conditions().get(4));
        form.conditions().get(3).typeProperty().set(ConditionType.SOURCE_IP);
        form.conditions().get(3).valuesProperty().set("10.0.0.0/8");
        assertThat(draft().conditions().get(3)).isEqualTo(SourceIp.of("10.0.0.0/8"));
    }

    @Test
    void queryPairsWithoutAKeyMatchTheValueUnderAnyKey() {
        first().typeProperty().set(ConditionType.QUERY_STRING);
        first().valuesProperty().set("version=2, beta");

        assertThat(draft().conditions())
                .containsExactly(new QueryString(
                        List.of(new QueryString.KeyValue("version", "2"), new QueryString.KeyValue(null, "beta"))));
    }

    @Test
    void eachConditionsProblemIsShownOnItsRow() {
        first().typeProperty().set(ConditionType.HTTP_REQUEST_METHOD);
        first().valuesProperty().set("get");
        form.addCondition(ConditionType.HTTP_HEADER);
        form.conditions().get(1).valuesProperty().set("blue");
        form.addCondition(ConditionType.SOURCE_IP);
        form.conditions().get(2).valuesProperty().set("10.0.0.300/8");

        assertThat(first().valuesProblemProperty().get())
                .isEqualTo("http-request-method value: 'get' (expected: A-Z, '-' and '_' only)");
        assertThat(form.conditions().get(1).nameProblemProperty().get())
                .isEqualTo("http-header name: missing (expected: a header name)");
        assertThat(form.conditions().get(1).valuesProblemProperty().get()).isEmpty();
        assertThat(form.conditions().get(2).valuesProblemProperty().get())
                .isEqualTo("source-ip value: '10.0.0.300/8' (expected: a CIDR block such as 10.0.0.0/8)");
        assertThat(draft()).isNull();
    }

    @Test
    void aPathWithACharacterAlbRefusesIsShownOnItsRow() {
        first().valuesProperty().set("/api v1");

        assertThat(first().valuesProblemProperty().get()).startsWith("path-pattern value: '/api v1' (expected: A-Z,");
        assertThat(draft()).isNull();
    }

    @Test
    void moreThanThreeValuesInOneConditionIsShownOnThatCondition() {
        first().valuesProperty().set("/a, /b, /c, /d");

        assertThat(first().valuesProblemProperty().get()).isEqualTo("path-pattern values: 4 (expected: 1..3)");
    }

    @Test
    void limitsAcrossTheRuleAreShownUnderTheConditions() {
        first().valuesProperty().set("/a, /b, /c");
        form.addCondition(ConditionType.HOST_HEADER);
        form.conditions().get(1).valuesProperty().set("a.example.com, b.example.com, c.example.com");
        assertThat(form.conditionsProblemProperty().get())
                .isEqualTo("condition values: 6 (expected: at most 5 per rule)");

        form.conditions().get(1).typeProperty().set(ConditionType.PATH_PATTERN);
        form.conditions().get(1).valuesProperty().set("/x");
        assertThat(form.conditionsProblemProperty().get())
                .isEqualTo("condition: path-pattern twice (expected: at most one path-pattern condition per rule)");

        form.removeCondition(form.conditions().get(1));
        first().valuesProperty().set("/a*?, /b**, /c**");
        assertThat(form.conditionsProblemProperty().get()).startsWith("wildcards: 6 (expected: at most 5");

        form.removeCondition(first());
        assertThat(form.conditionsProblemProperty().get())
                .isEqualTo("conditions: none (expected: at least one on a rule other than the default)");
        assertThat(draft()).isNull();
    }

    @Test
    void aPriorityAnotherRuleHoldsIsShownNextToThePriorityWithAFreeOne() {
        first().valuesProperty().set("/a");

        form.priorityProperty().set("10");
        assertThat(form.priorityProblemProperty().get())
                .isEqualTo("priority: 10 is taken by the rule where path-pattern is /hospitals* (expected: a priority"
                        + " no other rule of this listener holds; 1 is free)");
        assertThat(draft()).isNull();

        form.priorityProperty().set("0");
        assertThat(form.priorityProblemProperty().get()).isEqualTo("priority: 0 (expected: 1..50000)");
        form.priorityProperty().set("ten");
        assertThat(form.priorityProblemProperty().get())
                .isEqualTo("priority: 'ten' (expected: a whole number 1..50000)");
        form.priorityProperty().set("11");
        assertThat(form.priorityProblemProperty().get()).isEmpty();
        assertThat(draft().priority()).isEqualTo(RulePriority.of(11));
    }

    @Test
    void anEditedRuleKeepsItsOwnPriority() {
        RuleForm edit = new RuleForm(context(EdgeLoadBalancers.rule(lb, EdgeLoadBalancers.RULE)), () -> {});

        assertThat(edit.mode()).isEqualTo(RuleForm.Mode.EDIT);
        assertThat(edit.priorityProblemProperty().get()).isEmpty();
        assertThat(edit.conditions().getFirst().valuesProperty().get()).isEqualTo("/hospitals*");
        assertThat(edit.action().forward().groups())
                .extracting(g -> g.weightProperty().get())
                .containsExactly("100", "0");
        assertThat(edit.draftProperty().get().action())
                .isEqualTo(EdgeLoadBalancers.rule(lb, EdgeLoadBalancers.RULE).action());
    }

    @Test
    void forwardWeightsBuildTheActionAndABadWeightIsShownOnItsGroup() {
        first().valuesProperty().set("/a");
        var legacy = form.action().forward().groups().get(0);
        var replacement = form.action().forward().groups().get(1);
        legacy.weightProperty().set("90");
        replacement.weightProperty().set("10");
        form.action().forward().stickinessProperty().set("60");

        assertThat(draft().action())
                .isEqualTo(new Forward(
                        List.of(new WeightedTargetGroup(LEGACY, 90), new WeightedTargetGroup(REPLACEMENT, 10)),
                        Duration.ofSeconds(60)));

        replacement.weightProperty().set("1200");
        assertThat(replacement.problemProperty().get()).isEqualTo("weight: 1200 (expected: 0..999)");
        replacement.weightProperty().set("x");
        assertThat(replacement.problemProperty().get())
                .isEqualTo("weight: 'x' (expected: 0..999, or blank to leave replacement out)");
        replacement.weightProperty().set("");
        form.action().forward().stickinessProperty().set("0");
        assertThat(form.action().forward().problems().of(ForwardForm.STICKINESS).get())
                .isEqualTo("stickiness seconds: 0 (expected: 1..604800)");
        form.action().forward().stickinessProperty().set("");
        legacy.weightProperty().set("");
        assertThat(form.action().forward().problems().of(FieldProblems.GENERAL).get())
                .isEqualTo("target groups: 0 (expected: 1..5)");
        assertThat(draft()).isNull();
    }

    @Test
    void redirectStartsAsTheHttpsRedirectAndShowsEachBadPart() {
        first().valuesProperty().set("/a");
        form.action().typeProperty().set(ActionForm.Type.REDIRECT);
        assertThat(draft().action()).isEqualTo(Redirect.toHttps());

        RedirectForm redirect = form.action().redirect();
        redirect.portProperty().set("70000");
        redirect.pathProperty().set("no-slash");
        redirect.queryProperty().set("?a=1");
        assertThat(redirect.problems().of(RedirectForm.PORT).get())
                .isEqualTo("port: '70000' (expected: 1..65535 or #{port})");
        assertThat(redirect.problems().of(RedirectForm.PATH).get())
                .isEqualTo("path: 'no-slash' (expected: a path starting with /)");
        assertThat(redirect.problems().of(RedirectForm.QUERY).get())
                .isEqualTo("query: '?a=1' (expected: no leading '?')");
        assertThat(redirect.problems().of(RedirectForm.HOST).get()).isEmpty();

        redirect.protocolProperty().set("#{protocol}");
        redirect.portProperty().set("#{port}");
        redirect.pathProperty().set("/#{path}");
        redirect.queryProperty().set("#{query}");
        assertThat(redirect.problems().of(FieldProblems.GENERAL).get()).startsWith("redirect: to #{protocol}://");
        redirect.statusProperty().set(302);
        redirect.hostProperty().set("new.example.com");
        assertThat(draft().action())
                .isEqualTo(new Redirect("#{protocol}", "new.example.com", "#{port}", "/#{path}", "#{query}", 302));
    }

    @Test
    void anHttpsListenerDoesNotRedirectToHttp() {
        RuleForm https = new RuleForm(
                new RuleEditorViewModel.Context(
                        LISTENER, "HTTPS :443 of edge", Protocol.HTTPS, List.of(), List.of(), null),
                () -> {});
        https.conditions().getFirst().valuesProperty().set("/a");
        https.action().typeProperty().set(ActionForm.Type.REDIRECT);
        https.action().redirect().protocolProperty().set("HTTP");

        assertThat(https.action()
                        .redirect()
                        .problems()
                        .of(RedirectForm.PROTOCOL)
                        .get())
                .isEqualTo("protocol: 'HTTP' (expected: HTTPS or #{protocol} on an HTTPS listener; ALB does not"
                        + " redirect HTTPS to HTTP)");
        assertThat(https.draftProperty().get()).isNull();
        https.action().redirect().protocolProperty().set("#{protocol}");
        assertThat(https.draftProperty().get()).isNotNull();
    }

    @Test
    void fixedResponseBuildsItsRecordAndShowsABadStatusOrBody() {
        first().valuesProperty().set("/a");
        form.action().typeProperty().set(ActionForm.Type.FIXED_RESPONSE);
        FixedResponseForm fixed = form.action().fixed();
        fixed.bodyProperty().set("maintenance");
        assertThat(draft().action()).isEqualTo(new FixedResponse(503, "text/plain", "maintenance"));

        fixed.statusProperty().set("302");
        assertThat(fixed.problems().of(FixedResponseForm.STATUS).get())
                .isEqualTo("statusCode: 302 (expected: 200..299, 400..499 or 500..599)");
        fixed.statusProperty().set("five");
        assertThat(fixed.problems().of(FixedResponseForm.STATUS).get())
                .isEqualTo("statusCode: 'five' (expected: 200..299, 400..499 or 500..599)");
        fixed.statusProperty().set("403");
        fixed.bodyProperty().set("x".repeat(1025));
        assertThat(fixed.problems().of(FixedResponseForm.BODY).get())
                .isEqualTo("messageBody: 1025 bytes (expected: at most 1024)");
        assertThat(draft()).isNull();
        fixed.bodyProperty().set("");
        fixed.contentTypeProperty().set("none");
        assertThat(draft().action()).isEqualTo(new FixedResponse(403, null, null));
    }

    @Test
    void theDefaultRuleEditsItsActionOnly() {
        RuleForm edit = new RuleForm(context(EdgeLoadBalancers.rule(lb, EdgeLoadBalancers.DEFAULT_RULE)), () -> {});

        assertThat(edit.mode()).isEqualTo(RuleForm.Mode.DEFAULT_ACTION);
        assertThat(edit.conditions()).isEmpty();
        assertThat(edit.action().typeProperty().get()).isEqualTo(ActionForm.Type.FIXED_RESPONSE);
        edit.action().typeProperty().set(ActionForm.Type.FORWARD);
        assertThat(edit.draftProperty().get())
                .isEqualTo(new RuleForm.Draft(RulePriority.DEFAULT, List.of(), Forward.to(LEGACY)));
    }
}
