package dev.triage.core.aws.elbv2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * An in-memory ELBv2 that behaves as AWS documents for the calls the adapter makes: Marker/NextMarker pages
 * (PageSize 1..400, at most {@link #pageCap} per page), weights 0..999, 1..5 target groups per forward, priorities
 * 1..50000 and PriorityInUse, RuleNotFound / ListenerNotFound / TargetGroupNotFound, the default rule's restrictions,
 * a rule quota (TooManyRules), DuplicateListener, SSLPolicyNotFound, the default rule's actions changed only through
 * ModifyListener (ModifyRule refuses them), DescribeRules by RuleArns, and ModifyListener/CreateListener taking exactly
 * one (default) certificate, DeleteListener removing the listener's rules with it. {@link #failNext} makes the next
 * call fail with a given code (Throttling, AccessDenied). Load balancer attributes start at the values AWS documents
 * ({@code LoadBalancerAttributes.ELBV2_DEFAULTS}, every key returned by DescribeLoadBalancerAttributes) and
 * ModifyLoadBalancerAttributes checks keys and values as ELBv2 does.
 */
final class FakeElbv2 implements ElasticLoadBalancingV2Client {

    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    private static final String PREFIX = "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":";

    int pageCap = 400;
    int maxRulesPerListener = 100;
    final List<String> calls = new ArrayList<>();
    final List<Integer> describeRulesPageSizes = new ArrayList<>();
    private String failNextCode;
    private RuntimeException failNextFailure;

    private final AtomicInteger ids = new AtomicInteger(0x1000);
    private final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, List<String>> certificates = new HashMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, String> ruleListener = new HashMap<>();
    private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    private final Map<String, List<TargetGroupAttribute>> attributes = new HashMap<>();
    private final Map<String, List<TargetHealthDescription>> health = new HashMap<>();
    private final Map<String, Map<String, String>> lbAttributes = new HashMap<>();
    final List<SslPolicy> sslPolicies = new ArrayList<>(List.of(
            SslPolicy.builder()
                    .name("ELBSecurityPolicy-TLS13-1-2-2021-06")
                    .sslProtocols("TLSv1.2", "TLSv1.3")
                    .ciphers(Cipher.builder()
                            .name("TLS_AES_128_GCM_SHA256")
                            .priority(1)
                            .build())
                    .build(),
            SslPolicy.builder()
                    .name("ELBSecurityPolicy-2016-08")
                    .sslProtocols("TLSv1", "TLSv1.1", "TLSv1.2")
                    .ciphers(Cipher.builder()
                            .name("ECDHE-RSA-AES128-GCM-SHA256")
                            .priority(1)
                            .build())
                    .build()));

    // ------------------------------------------------------------------ seeding

    String addLoadBalancer(String name, LoadBalancerTypeEnum type) {
        String arn = PREFIX + "loadbalancer/app/" + name + "/" + id();
        loadBalancers.put(
                arn,
                LoadBalancer.builder()
                        .loadBalancerArn(arn)
                        .loadBalancerName(name)
                        .dnsName(name + "-1234.eu-west-1.elb.amazonaws.com")
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .type(type)
                        .vpcId("vpc-0abc")
                        .state(LoadBalancerState.builder()
                                .code(LoadBalancerStateEnum.ACTIVE)
                                .build())
                        .build());
        lbAttributes.put(arn, new LinkedHashMap<>(dev.triage.core.domain.LoadBalancerAttributes.ELBV2_DEFAULTS));
        return arn;
    }

    /** Removes an attribute key, as an older API version would not return it. */
    void forgetAttribute(String loadBalancerArn, String key) {
        lbAttributes.get(loadBalancerArn).remove(key);
    }

    /** Stores an attribute value as is (no validation: for shapes only a future API could return). */
    void putAttribute(String loadBalancerArn, String key, String value) {
        lbAttributes.get(loadBalancerArn).put(key, value);
    }

    /** Seeds an HTTPS listener as AWS would hold it (any policy name, even one DescribeSSLPolicies no longer lists). */
    String addHttpsListener(String loadBalancerArn, int port, String certificateArn, String sslPolicy, Action action) {
        String lbPath = loadBalancerArn.substring(loadBalancerArn.indexOf("loadbalancer/") + "loadbalancer/".length());
        String arn = PREFIX + "listener/" + lbPath + "/" + id();
        listeners.put(
                arn,
                Listener.builder()
                        .listenerArn(arn)
                        .loadBalancerArn(loadBalancerArn)
                        .protocol(ProtocolEnum.HTTPS)
                        .port(port)
                        .sslPolicy(sslPolicy)
                        .certificates(Certificate.builder()
                                .certificateArn(certificateArn)
                                .build())
                        .defaultActions(action)
                        .build());
        certificates.put(arn, new ArrayList<>(List.of(certificateArn)));
        putRule(arn, "default", List.of(), List.of(action));
        return arn;
    }

    String addTargetGroup(String name, String loadBalancerArn, boolean sticky) {
        String arn = PREFIX + "targetgroup/" + name + "/" + id();
        targetGroups.put(
                arn,
                TargetGroup.builder()
                        .targetGroupArn(arn)
                        .targetGroupName(name)
                        .protocol(ProtocolEnum.HTTP)
                        .port(8080)
                        .healthCheckProtocol(ProtocolEnum.HTTP)
                        .healthCheckPath("/health")
                        .healthCheckPort("traffic-port")
                        .healthCheckIntervalSeconds(30)
                        .healthCheckTimeoutSeconds(5)
                        .healthyThresholdCount(5)
                        .unhealthyThresholdCount(2)
                        .matcher(Matcher.builder().httpCode("200-299").build())
                        .loadBalancerArns(loadBalancerArn)
                        .build());
        attributes.put(
                arn,
                List.of(
                        attribute("stickiness.enabled", Boolean.toString(sticky)),
                        attribute("stickiness.type", "lb_cookie"),
                        attribute("stickiness.lb_cookie.duration_seconds", "3600")));
        health.put(arn, new ArrayList<>());
        return arn;
    }

    void addTarget(String targetGroupArn, String id, int port, TargetHealthStateEnum state, String reason) {
        health.get(targetGroupArn)
                .add(TargetHealthDescription.builder()
                        .target(TargetDescription.builder().id(id).port(port).build())
                        .targetHealth(
                                software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth.builder()
                                        .state(state)
                                        .reason(reason)
                                        .description(reason == null ? null : "Health checks failed")
                                        .build())
                        .build());
    }

    /** An HTTP listener forwarding to {@code targetGroupArn}, with its default rule. */
    String addHttpListener(String loadBalancerArn, int port, String targetGroupArn) {
        String lbPath = loadBalancerArn.substring(loadBalancerArn.indexOf("loadbalancer/") + "loadbalancer/".length());
        String arn = PREFIX + "listener/" + lbPath + "/" + id();
        List<Action> defaults = List.of(forward(targetGroupArn));
        listeners.put(
                arn,
                Listener.builder()
                        .listenerArn(arn)
                        .loadBalancerArn(loadBalancerArn)
                        .protocol(ProtocolEnum.HTTP)
                        .port(port)
                        .defaultActions(defaults)
                        .build());
        certificates.put(arn, new ArrayList<>());
        putRule(arn, "default", List.of(), defaults);
        return arn;
    }

    /** Stores a rule as AWS would hold it (no validation: for seeding shapes AWS can hold). */
    String putRule(String listenerArn, String priority, List<RuleCondition> conditions, List<Action> actions) {
        String arn = listenerArn.replace(":listener/", ":listener-rule/") + "/" + id();
        rules.put(
                arn,
                Rule.builder()
                        .ruleArn(arn)
                        .priority(priority)
                        .isDefault(priority.equals("default"))
                        .conditions(conditions)
                        .actions(actions)
                        .build());
        ruleListener.put(arn, listenerArn);
        return arn;
    }

    /** The ARN of the listener's default rule. */
    String defaultRuleOf(String listenerArn) {
        return rules.values().stream()
                .filter(r -> r.isDefault() && ruleListener.get(r.ruleArn()).equals(listenerArn))
                .map(Rule::ruleArn)
                .findFirst()
                .orElseThrow();
    }

    Rule storedRule(String arn) {
        return rules.get(arn);
    }

    List<String> storedCertificates(String listenerArn) {
        return certificates.get(listenerArn);
    }

    Listener storedListener(String listenerArn) {
        return listeners.get(listenerArn);
    }

    void failNext(String code) {
        failNextCode = code;
    }

    /** The next call throws {@code failure} (e.g. the AbortedException the SDK throws on an interrupt). */
    void failNextWith(RuntimeException failure) {
        failNextFailure = failure;
    }

    static Action forward(String targetGroupArn) {
        return Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .order(1)
                .targetGroupArn(targetGroupArn)
                .forwardConfig(ForwardActionConfig.builder()
                        .targetGroups(TargetGroupTuple.builder()
                                .targetGroupArn(targetGroupArn)
                                .weight(1)
                                .build())
                        .targetGroupStickinessConfig(TargetGroupStickinessConfig.builder()
                                .enabled(false)
                                .build())
                        .build())
                .build();
    }

    // ------------------------------------------------------------------ reads

    @Override
    public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
        enter("DescribeLoadBalancers");
        Page<LoadBalancer> page = page(new ArrayList<>(loadBalancers.values()), request.marker(), 400);
        return DescribeLoadBalancersResponse.builder()
                .loadBalancers(page.items)
                .nextMarker(page.next)
                .build();
    }

    @Override
    public DescribeListenersResponse describeListeners(DescribeListenersRequest request) {
        enter("DescribeListeners");
        List<Listener> found;
        if (request.hasListenerArns()) {
            found = new ArrayList<>();
            for (String arn : request.listenerArns()) {
                found.add(listener(arn));
            }
        } else {
            loadBalancer(request.loadBalancerArn());
            found = listeners.values().stream()
                    .filter(l -> l.loadBalancerArn().equals(request.loadBalancerArn()))
                    .toList();
        }
        Page<Listener> page = page(found, request.marker(), 400);
        return DescribeListenersResponse.builder()
                .listeners(page.items)
                .nextMarker(page.next)
                .build();
    }

    @Override
    public DescribeListenerCertificatesResponse describeListenerCertificates(
            DescribeListenerCertificatesRequest request) {
        enter("DescribeListenerCertificates");
        listener(request.listenerArn());
        List<String> certs = certificates.get(request.listenerArn());
        List<Certificate> all = new ArrayList<>();
        for (int i = 0; i < certs.size(); i++) {
            all.add(Certificate.builder()
                    .certificateArn(certs.get(i))
                    .isDefault(i == 0)
                    .build());
        }
        Page<Certificate> page = page(all, request.marker(), 400);
        return DescribeListenerCertificatesResponse.builder()
                .certificates(page.items)
                .nextMarker(page.next)
                .build();
    }

    @Override
    public DescribeRulesResponse describeRules(DescribeRulesRequest request) {
        enter("DescribeRules");
        Integer pageSize = request.pageSize();
        describeRulesPageSizes.add(pageSize);
        if (pageSize != null && (pageSize < 1 || pageSize > 400)) {
            throw error("ValidationError", "PageSize must be between 1 and 400");
        }
        if (request.hasRuleArns()) {
            if (request.listenerArn() != null) {
                throw error("ValidationError", "Specify either a listener or rules, not both");
            }
            List<Rule> found = new ArrayList<>();
            for (String arn : request.ruleArns()) {
                found.add(rule(arn));
            }
            return DescribeRulesResponse.builder().rules(found).build();
        }
        listener(request.listenerArn());
        List<Rule> ofListener = rules.values().stream()
                .filter(r -> ruleListener.get(r.ruleArn()).equals(request.listenerArn()))
                .sorted(Comparator.comparingInt(
                        r -> r.isDefault() ? Integer.MAX_VALUE : Integer.parseInt(r.priority())))
                .toList();
        Page<Rule> page = page(ofListener, request.marker(), pageSize == null ? 400 : pageSize);
        return DescribeRulesResponse.builder()
                .rules(page.items)
                .nextMarker(page.next)
                .build();
    }

    @Override
    public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest request) {
        enter("DescribeTargetGroups");
        if (request.loadBalancerArn() != null) {
            loadBalancer(request.loadBalancerArn());
        }
        List<TargetGroup> found = targetGroups.values().stream()
                .filter(g -> request.loadBalancerArn() == null
                        || g.loadBalancerArns().contains(request.loadBalancerArn()))
                .toList();
        Page<TargetGroup> page = page(found, request.marker(), 400);
        return DescribeTargetGroupsResponse.builder()
                .targetGroups(page.items)
                .nextMarker(page.next)
                .build();
    }

    @Override
    public DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(
            DescribeTargetGroupAttributesRequest request) {
        enter("DescribeTargetGroupAttributes");
        targetGroup(request.targetGroupArn());
        return DescribeTargetGroupAttributesResponse.builder()
                .attributes(attributes.get(request.targetGroupArn()))
                .build();
    }

    @Override
    public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request) {
        enter("DescribeTargetHealth");
        targetGroup(request.targetGroupArn());
        return DescribeTargetHealthResponse.builder()
                .targetHealthDescriptions(health.get(request.targetGroupArn()))
                .build();
    }

    @Override
    public DescribeSslPoliciesResponse describeSSLPolicies(DescribeSslPoliciesRequest request) {
        enter("DescribeSSLPolicies");
        Page<SslPolicy> page = page(sslPolicies, request.marker(), 400);
        return DescribeSslPoliciesResponse.builder()
                .sslPolicies(page.items)
                .nextMarker(page.next)
                .build();
    }

    @Override
    public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(
            DescribeLoadBalancerAttributesRequest request) {
        enter("DescribeLoadBalancerAttributes");
        loadBalancer(request.loadBalancerArn());
        return DescribeLoadBalancerAttributesResponse.builder()
                .attributes(lbAttributes.get(request.loadBalancerArn()).entrySet().stream()
                        .map(e -> LoadBalancerAttribute.builder()
                                .key(e.getKey())
                                .value(e.getValue())
                                .build())
                        .toList())
                .build();
    }

    // ------------------------------------------------------------------ writes

    /**
     * As ELBv2 checks it: 1..20 attributes, known keys only, booleans "true"/"false", the idle timeout 1..4000, the
     * desync mode monitor/defensive/strictest, and access logs enabled only with a bucket (AWS then also checks the
     * bucket policy, which this fake does not model). Answers every attribute, as AWS does.
     */
    @Override
    public ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(
            ModifyLoadBalancerAttributesRequest request) {
        enter("ModifyLoadBalancerAttributes");
        loadBalancer(request.loadBalancerArn());
        if (!request.hasAttributes()
                || request.attributes().isEmpty()
                || request.attributes().size() > 20) {
            throw error("ValidationError", "Between 1 and 20 attributes must be specified");
        }
        Map<String, String> next = new LinkedHashMap<>(lbAttributes.get(request.loadBalancerArn()));
        for (LoadBalancerAttribute attribute : request.attributes()) {
            String key = attribute.key();
            String value = attribute.value() == null ? "" : attribute.value();
            if (!dev.triage.core.domain.LoadBalancerAttributes.ELBV2_DEFAULTS.containsKey(key)) {
                throw error("ValidationError", "Load balancer attribute key '" + key + "' is not recognized");
            }
            boolean ok = switch (key) {
                case "idle_timeout.timeout_seconds" ->
                    value.matches("\\d{1,4}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 4000;
                case "client_keep_alive.seconds" ->
                    value.matches("\\d{1,6}") && Integer.parseInt(value) >= 60 && Integer.parseInt(value) <= 604800;
                case "routing.http.desync_mitigation_mode" ->
                    Set.of("monitor", "defensive", "strictest").contains(value);
                case "routing.http.xff_header_processing.mode" ->
                    Set.of("append", "preserve", "remove").contains(value);
                default -> key.endsWith(".enabled") ? value.equals("true") || value.equals("false") : true;
            };
            if (!ok) {
                throw error(
                        "ValidationError",
                        "Load balancer attribute value '" + value + "' is not valid for '" + key + "'");
            }
            next.put(key, value);
        }
        for (String kind : List.of("access_logs", "connection_logs")) {
            if ("true".equals(next.get(kind + ".s3.enabled"))
                    && next.getOrDefault(kind + ".s3.bucket", "").isBlank()) {
                throw error(
                        "InvalidConfigurationRequest",
                        "The value of '" + kind + ".s3.bucket' cannot be empty when " + kind + " are enabled");
            }
        }
        lbAttributes.put(request.loadBalancerArn(), next);
        return ModifyLoadBalancerAttributesResponse.builder()
                .attributes(next.entrySet().stream()
                        .map(e -> LoadBalancerAttribute.builder()
                                .key(e.getKey())
                                .value(e.getValue())
                                .build())
                        .toList())
                .build();
    }

    @Override
    public ModifyRuleResponse modifyRule(ModifyRuleRequest request) {
        enter("ModifyRule");
        Rule rule = rule(request.ruleArn());
        if (rule.isDefault() && request.hasConditions() && !request.conditions().isEmpty()) {
            throw error("OperationNotPermitted", "Conditions cannot be specified for the default rule");
        }
        if (rule.isDefault() && request.hasActions()) {
            // "To modify the actions for the default rule, use ModifyListener." (ModifyRule API reference)
            throw error("OperationNotPermitted", "The default rule's actions are changed with ModifyListener");
        }
        Rule.Builder updated = rule.toBuilder();
        if (request.hasActions()) {
            checkActions(request.actions());
            updated.actions(normalized(request.actions()));
        }
        if (request.hasConditions()) {
            updated.conditions(request.conditions());
        }
        Rule stored = updated.build();
        rules.put(stored.ruleArn(), stored);
        return ModifyRuleResponse.builder().rules(stored).build();
    }

    @Override
    public SetRulePrioritiesResponse setRulePriorities(SetRulePrioritiesRequest request) {
        enter("SetRulePriorities");
        Set<String> moving = new java.util.HashSet<>();
        for (RulePriorityPair pair : request.rulePriorities()) {
            Rule rule = rule(pair.ruleArn());
            if (rule.isDefault()) {
                throw error("OperationNotPermitted", "The default rule's priority cannot be changed");
            }
            checkPriority(pair.priority());
            moving.add(pair.ruleArn());
        }
        for (RulePriorityPair pair : request.rulePriorities()) {
            String listener = ruleListener.get(pair.ruleArn());
            for (Rule other : rules.values()) {
                if (!moving.contains(other.ruleArn())
                        && ruleListener.get(other.ruleArn()).equals(listener)
                        && other.priority().equals(Integer.toString(pair.priority()))) {
                    throw error("PriorityInUse", "Priority '" + pair.priority() + "' is currently in use");
                }
            }
        }
        List<Rule> moved = new ArrayList<>();
        for (RulePriorityPair pair : request.rulePriorities()) {
            Rule rule = rules.get(pair.ruleArn()).toBuilder()
                    .priority(Integer.toString(pair.priority()))
                    .build();
            rules.put(rule.ruleArn(), rule);
            moved.add(rule);
        }
        return SetRulePrioritiesResponse.builder().rules(moved).build();
    }

    @Override
    public CreateRuleResponse createRule(CreateRuleRequest request) {
        enter("CreateRule");
        listener(request.listenerArn());
        checkPriority(request.priority());
        if (!request.hasConditions() || request.conditions().isEmpty()) {
            throw error("ValidationError", "A rule must have at least one condition");
        }
        long count = ruleListener.values().stream()
                .filter(l -> l.equals(request.listenerArn()))
                .count();
        boolean taken = rules.values().stream()
                .anyMatch(r -> ruleListener.get(r.ruleArn()).equals(request.listenerArn())
                        && r.priority().equals(Integer.toString(request.priority())));
        if (taken) {
            throw error("PriorityInUse", "Priority '" + request.priority() + "' is currently in use");
        }
        if (count - 1 >= maxRulesPerListener) {
            throw error("TooManyRules", "You've reached the limit on the number of rules per load balancer");
        }
        checkActions(request.actions());
        String arn = putRule(
                request.listenerArn(),
                Integer.toString(request.priority()),
                request.conditions(),
                normalized(request.actions()));
        return CreateRuleResponse.builder().rules(rules.get(arn)).build();
    }

    @Override
    public DeleteRuleResponse deleteRule(DeleteRuleRequest request) {
        enter("DeleteRule");
        Rule rule = rule(request.ruleArn());
        if (rule.isDefault()) {
            throw error("OperationNotPermitted", "The default rule cannot be deleted");
        }
        rules.remove(rule.ruleArn());
        ruleListener.remove(rule.ruleArn());
        return DeleteRuleResponse.builder().build();
    }

    @Override
    public ModifyListenerResponse modifyListener(ModifyListenerRequest request) {
        enter("ModifyListener");
        Listener listener = listener(request.listenerArn());
        Listener.Builder updated = listener.toBuilder();
        if (request.hasDefaultActions()) {
            checkActions(request.defaultActions());
            updated.defaultActions(normalized(request.defaultActions()));
            String defaultRule = ruleListener.entrySet().stream()
                    .filter(e -> e.getValue().equals(listener.listenerArn())
                            && rules.get(e.getKey()).isDefault())
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow();
            rules.put(
                    defaultRule,
                    rules.get(defaultRule).toBuilder()
                            .actions(normalized(request.defaultActions()))
                            .build());
        }
        if (request.hasCertificates()) {
            if (request.certificates().size() != 1) {
                throw error("ValidationError", "You must provide exactly one certificate");
            }
            List<String> certs = certificates.get(listener.listenerArn());
            String arn = request.certificates().getFirst().certificateArn();
            certs.remove(arn);
            if (certs.isEmpty()) {
                certs.add(arn);
            } else {
                certs.set(0, arn);
            }
            updated.certificates(request.certificates());
        }
        if (request.sslPolicy() != null) {
            policy(request.sslPolicy());
            updated.sslPolicy(request.sslPolicy());
        }
        Listener stored = updated.build();
        listeners.put(stored.listenerArn(), stored);
        return ModifyListenerResponse.builder().listeners(stored).build();
    }

    @Override
    public CreateListenerResponse createListener(CreateListenerRequest request) {
        enter("CreateListener");
        LoadBalancer lb = loadBalancer(request.loadBalancerArn());
        boolean taken = listeners.values().stream()
                .anyMatch(l -> l.loadBalancerArn().equals(lb.loadBalancerArn())
                        && l.port().equals(request.port()));
        if (taken) {
            throw error("DuplicateListener", "A listener already exists on port " + request.port());
        }
        if (!request.hasCertificates() || request.certificates().size() != 1) {
            throw error("ValidationError", "You must provide exactly one certificate for an HTTPS listener");
        }
        // AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0 allowed) when no policy is given.
        String policy = request.sslPolicy() == null ? "ELBSecurityPolicy-2016-08" : policy(request.sslPolicy());
        checkActions(request.defaultActions());
        String lbPath = lb.loadBalancerArn().substring(lb.loadBalancerArn().indexOf("loadbalancer/") + 13);
        String arn = PREFIX + "listener/" + lbPath + "/" + id();
        Listener listener = Listener.builder()
                .listenerArn(arn)
                .loadBalancerArn(lb.loadBalancerArn())
                .protocol(request.protocol())
                .port(request.port())
                .sslPolicy(policy)
                .certificates(request.certificates())
                .defaultActions(normalized(request.defaultActions()))
                .build();
        listeners.put(arn, listener);
        certificates.put(
                arn, new ArrayList<>(List.of(request.certificates().getFirst().certificateArn())));
        putRule(arn, "default", List.of(), normalized(request.defaultActions()));
        return CreateListenerResponse.builder().listeners(listener).build();
    }

    @Override
    public DeleteListenerResponse deleteListener(DeleteListenerRequest request) {
        enter("DeleteListener");
        Listener listener = listener(request.listenerArn());
        listeners.remove(listener.listenerArn());
        certificates.remove(listener.listenerArn());
        List<String> ofListener = ruleListener.entrySet().stream()
                .filter(e -> e.getValue().equals(listener.listenerArn()))
                .map(Map.Entry::getKey)
                .toList();
        ofListener.forEach(arn -> {
            rules.remove(arn);
            ruleListener.remove(arn);
        });
        return DeleteListenerResponse.builder().build();
    }

    @Override
    public AddListenerCertificatesResponse addListenerCertificates(AddListenerCertificatesRequest request) {
        enter("AddListenerCertificates");
        listener(request.listenerArn());
        List<String> certs = certificates.get(request.listenerArn());
        for (Certificate c : request.certificates()) {
            if (!certs.contains(c.certificateArn())) {
                certs.add(c.certificateArn());
            }
        }
        return AddListenerCertificatesResponse.builder().build();
    }

    @Override
    public RemoveListenerCertificatesResponse removeListenerCertificates(RemoveListenerCertificatesRequest request) {
        enter("RemoveListenerCertificates");
        listener(request.listenerArn());
        List<String> certs = certificates.get(request.listenerArn());
        for (Certificate c : request.certificates()) {
            if (certs.indexOf(c.certificateArn()) == 0) {
                throw error("OperationNotPermitted", "The default certificate cannot be removed");
            }
            certs.remove(c.certificateArn());
        }
        return RemoveListenerCertificatesResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}

    // ------------------------------------------------------------------ AWS's rules

    private void checkActions(List<Action> actions) {
        if (actions == null || actions.isEmpty()) {
            throw error("ValidationError", "At least one action is required");
        }
        for (Action action : actions) {
            if (action.type() != ActionTypeEnum.FORWARD) {
                continue;
            }
            List<TargetGroupTuple> tuples = action.forwardConfig() != null
                    ? action.forwardConfig().targetGroups()
                    : List.of(TargetGroupTuple.builder()
                            .targetGroupArn(action.targetGroupArn())
                            .build());
            if (tuples.isEmpty() || tuples.size() > 5) {
                throw error("ValidationError", "A forward action can have 1 to 5 target groups, not " + tuples.size());
            }
            for (TargetGroupTuple tuple : tuples) {
                Integer weight = tuple.weight();
                if (weight != null && (weight < 0 || weight > 999)) {
                    throw error("ValidationError", "Weight " + weight + " must be between 0 and 999");
                }
                if (!targetGroups.containsKey(tuple.targetGroupArn())) {
                    throw error("TargetGroupNotFound", "Target groups '" + tuple.targetGroupArn() + "' not found");
                }
            }
        }
    }

    /** AWS answers forward actions with their ForwardConfig filled in (weight 1 when not given). */
    private static List<Action> normalized(List<Action> actions) {
        return actions.stream()
                .map(a -> {
                    if (a.type() != ActionTypeEnum.FORWARD || a.forwardConfig() != null) {
                        return a;
                    }
                    return forward(a.targetGroupArn()).toBuilder()
                            .order(a.order())
                            .build();
                })
                .toList();
    }

    private static void checkPriority(Integer priority) {
        if (priority == null || priority < 1 || priority > 50_000) {
            throw error("ValidationError", "Priority must be between 1 and 50000");
        }
    }

    private String policy(String name) {
        return sslPolicies.stream()
                .map(SslPolicy::name)
                .filter(name::equals)
                .findFirst()
                .orElseThrow(() -> error("SSLPolicyNotFound", "SSL policy '" + name + "' not found"));
    }

    private LoadBalancer loadBalancer(String arn) {
        LoadBalancer lb = loadBalancers.get(arn);
        if (lb == null) {
            throw error("LoadBalancerNotFound", "One or more load balancers not found");
        }
        return lb;
    }

    private Listener listener(String arn) {
        Listener listener = listeners.get(arn);
        if (listener == null) {
            throw error("ListenerNotFound", "One or more listeners not found");
        }
        return listener;
    }

    private Rule rule(String arn) {
        Rule rule = rules.get(arn);
        if (rule == null) {
            throw error("RuleNotFound", "One or more rules not found");
        }
        return rule;
    }

    private TargetGroup targetGroup(String arn) {
        TargetGroup group = targetGroups.get(arn);
        if (group == null) {
            throw error("TargetGroupNotFound", "One or more target groups not found");
        }
        return group;
    }

    private void enter(String operation) {
        calls.add(operation);
        RuntimeException failure = failNextFailure;
        if (failure != null) {
            failNextFailure = null;
            throw failure;
        }
        String code = failNextCode;
        if (code != null) {
            failNextCode = null;
            throw error(code, code.equals("Throttling") ? "Rate exceeded" : "User is not authorized to " + operation);
        }
    }

    static ElasticLoadBalancingV2Exception error(String code, String message) {
        return (ElasticLoadBalancingV2Exception) ElasticLoadBalancingV2Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("ElasticLoadBalancingV2")
                        .build())
                .statusCode(code.equals("Throttling") ? 400 : code.startsWith("AccessDenied") ? 403 : 400)
                .message(message)
                .build();
    }

    private record Page<T>(List<T> items, String next) {}

    private <T> Page<T> page(List<T> all, String marker, int pageSize) {
        int size = Math.min(pageSize, pageCap);
        int from = marker == null ? 0 : Integer.parseInt(marker.substring("m-".length()));
        int to = Math.min(all.size(), from + size);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? "m-" + to : null);
    }

    private String id() {
        return String.format("%016x", ids.incrementAndGet());
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }
}
