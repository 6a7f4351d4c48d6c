package dev.triage.core.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.QueryString;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.WeightedTargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules and listeners as the journal keeps them, whole, in ELBv2's words: a rule as {@code
 * {"kind":"rule","arn","listener","priority","conditions":[...],"actions":[...]}}, a listener as
 * {@code {"kind":"listener","arn","loadBalancer","protocol","port","certificates","sslPolicy",
 * "defaultActions"}}; a condition as {@code {"field":"path-pattern","values":[...]}} (an
 * http-header also has {@code "name"}, a query-string {@code "pairs":[{"key","value"}]}); an action
 * by {@code "type"}: forward ({@code targetGroups:[{"arn","weight"}]}, {@code stickinessSeconds}),
 * redirect ({@code protocol, host, port, path, query, statusCode}) or fixed-response ({@code
 * statusCode, contentType, messageBody}). Reading validates through the domain records, so a line
 * that names an impossible rule does not read.
 */
final class ResourceCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResourceCodec() {}

    static ArrayNode write(List<Resource> resources) {
        ArrayNode array = NODES.arrayNode();
        resources.forEach(r -> array.add(write(r)));
        return array;
    }

    static ObjectNode write(Resource resource) {
        ObjectNode json = NODES.objectNode();
        switch (resource) {
            case Rule rule -> {
                json.put("kind", "rule");
                json.put("arn", rule.arn());
                json.put("listener", rule.listenerArn());
                json.put("priority", rule.priority().text());
                ArrayNode conditions = json.putArray("conditions");
                rule.conditions().forEach(c -> conditions.add(condition(c)));
                json.set("actions", actions(rule.actions()));
            }
            case Listener listener -> {
                json.put("kind", "listener");
                json.put("arn", listener.arn());
                json.put("loadBalancer", listener.loadBalancerArn());
                json.put("protocol", listener.protocol().name());
                json.put("port", listener.port());
                ArrayNode certificates = json.putArray("certificates");
                listener.certificateArns().forEach(certificates::add);
                json.put("sslPolicy", listener.sslPolicy());
                json.set("defaultActions", actions(listener.defaultActions()));
            }
            default ->
                throw new IllegalArgumentException(
                        "resource: " + resource.arn() + " (expected: a rule or a listener in the journal)");
        }
        return json;
    }

    static List<Resource> readAll(JsonNode array, String field) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(field + ": " + array + " (expected: an array of resources)");
        }
        List<Resource> out = new ArrayList<>();
        for (JsonNode node : array) {
            out.add(read(node, field));
        }
        return out;
    }

    static Resource read(JsonNode json, String field) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(field + ": " + json + " (expected: a rule or a listener)");
        }
        try {
            String kind = text(json, "kind", field);
            return switch (kind) {
                case "rule" ->
                    new Rule(
                            text(json, "arn", field),
                            text(json, "listener", field),
                            RulePriority.parse(text(json, "priority", field)),
                            conditions(array(json, "conditions", field), field),
                            actions(array(json, "actions", field), field));
                case "listener" ->
                    new Listener(
                            text(json, "arn", field),
                            text(json, "loadBalancer", field),
                            Protocol.valueOf(text(json, "protocol", field)),
                            integer(json, "port", field),
                            strings(array(json, "certificates", field), field + ".certificates"),
                            optionalText(json, "sslPolicy", field),
                            actions(array(json, "defaultActions", field), field));
                default ->
                    throw new IllegalArgumentException(field + ".kind: '" + kind + "' (expected: rule or listener)");
            };
        } catch (CoreException.Invalid e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ conditions

    private static ObjectNode condition(Condition condition) {
        ObjectNode json = NODES.objectNode();
        json.put("field", condition.field());
        switch (condition) {
            case HostHeader c -> strings(json.putArray("values"), c.values());
            case PathPattern c -> strings(json.putArray("values"), c.values());
            case HttpRequestMethod c -> strings(json.putArray("values"), c.values());
            case SourceIp c -> strings(json.putArray("values"), c.cidrs());
            case HttpHeader c -> {
                json.put("name", c.name());
                strings(json.putArray("values"), c.values());
            }
            case QueryString c -> {
                ArrayNode pairs = json.putArray("pairs");
                for (QueryString.KeyValue pair : c.pairs()) {
                    ObjectNode p = pairs.addObject();
                    p.put("key", pair.key());
                    p.put("value", pair.value());
                }
            }
        }
        return json;
    }

    private static List<Condition> conditions(JsonNode array, String field) {
        List<Condition> out = new ArrayList<>();
        for (JsonNode json : array) {
            String name = text(json, "field", field + ".conditions");
            String at = field + ".conditions." + name;
            out.add(
                    switch (name) {
                        case "host-header" -> new HostHeader(strings(array(json, "values", at), at));
                        case "path-pattern" -> new PathPattern(strings(array(json, "values", at), at));
                        case "http-request-method" -> new HttpRequestMethod(strings(array(json, "values", at), at));
                        case "source-ip" -> new SourceIp(strings(array(json, "values", at), at));
                        case "http-header" ->
                            new HttpHeader(text(json, "name", at), strings(array(json, "values", at), at));
                        case "query-string" -> {
                            List<QueryString.KeyValue> pairs = new ArrayList<>();
                            for (JsonNode pair : array(json, "pairs", at)) {
                                pairs.add(new QueryString.KeyValue(
                                        optionalText(pair, "key", at), text(pair, "value", at)));
                            }
                            yield new QueryString(pairs);
                        }
                        default ->
                            throw new IllegalArgumentException(at + ": unknown field (expected: host-header,"
                                    + " path-pattern, http-header, http-request-method, query-string or source-ip)");
                    });
        }
        return out;
    }

    // ------------------------------------------------------------------ actions

    private static ArrayNode actions(List<Action> actions) {
        ArrayNode array = NODES.arrayNode();
        for (Action action : actions) {
            ObjectNode json = array.addObject();
            json.put("type", action.type());
            switch (action) {
                case Forward f -> {
                    ArrayNode groups = json.putArray("targetGroups");
                    for (WeightedTargetGroup group : f.targetGroups()) {
                        ObjectNode g = groups.addObject();
                        g.put("arn", group.targetGroupArn());
                        g.put("weight", group.weight());
                    }
                    if (f.stickiness() != null) {
                        json.put("stickinessSeconds", f.stickiness().toSeconds());
                    }
                }
                case Redirect r -> {
                    json.put("protocol", r.protocol());
                    json.put("host", r.host());
                    json.put("port", r.port());
                    json.put("path", r.path());
                    json.put("query", r.query());
                    json.put("statusCode", r.statusCode());
                }
                case FixedResponse r -> {
                    json.put("statusCode", r.statusCode());
                    json.put("contentType", r.contentType());
                    json.put("messageBody", r.messageBody());
                }
            }
        }
        return array;
    }

    private static List<Action> actions(JsonNode array, String field) {
        List<Action> out = new ArrayList<>();
        for (JsonNode json : array) {
            String type = text(json, "type", field + ".actions");
            String at = field + ".actions." + type;
            out.add(
                    switch (type) {
                        case "forward" -> {
                            List<WeightedTargetGroup> groups = new ArrayList<>();
                            for (JsonNode g : array(json, "targetGroups", at)) {
                                groups.add(new WeightedTargetGroup(text(g, "arn", at), integer(g, "weight", at)));
                            }
                            JsonNode sticky = json.get("stickinessSeconds");
                            yield new Forward(
                                    groups,
                                    sticky == null || sticky.isNull()
                                            ? null
                                            : Duration.ofSeconds(integer(json, "stickinessSeconds", at)));
                        }
                        case "redirect" ->
                            new Redirect(
                                    text(json, "protocol", at),
                                    text(json, "host", at),
                                    text(json, "port", at),
                                    text(json, "path", at),
                                    optionalText(json, "query", at),
                                    integer(json, "statusCode", at));
                        case "fixed-response" ->
                            new FixedResponse(
                                    integer(json, "statusCode", at),
                                    optionalText(json, "contentType", at),
                                    optionalText(json, "messageBody", at));
                        default ->
                            throw new IllegalArgumentException(
                                    at + ": unknown type (expected: forward, redirect or fixed-response)");
                    });
        }
        return out;
    }

    // ------------------------------------------------------------------ scalars

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode node : array) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException(field + ": " + node + " (expected: strings)");
            }
            out.add(node.textValue());
        }
        return out;
    }

    private static JsonNode array(JsonNode json, String name, String field) {
        JsonNode node = json.get(name);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(field + "." + name + ": " + node + " (expected: an array)");
        }
        return node;
    }

    private static String text(JsonNode json, String name, String field) {
        String value = optionalText(json, name, field);
        if (value == null) {
            throw new IllegalArgumentException(field + "." + name + ": missing (expected: a string)");
        }
        return value;
    }

    private static String optionalText(JsonNode json, String name, String field) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + "." + name + ": " + node + " (expected: a string)");
        }
        return node.textValue();
    }

    private static int integer(JsonNode json, String name, String field) {
        JsonNode node = json.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(field + "." + name + ": " + node + " (expected: an integer)");
        }
        return node.intValue();
    }
}
