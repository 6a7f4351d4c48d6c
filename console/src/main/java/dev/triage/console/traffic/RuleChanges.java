package dev.triage.console.traffic;

import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journalled change of whole rules (the rule editor's, a remediation's) in words: what was added,
 * deleted, moved or changed, one line per rule; the history's change column and the undo preview.
 */
final class RuleChanges {

    private RuleChanges() {}

    /** One line per resource that differs between {@code from} and {@code to}, matched by ARN. */
    static List<String> lines(List<Resource> from, List<Resource> to) {
        Map<String, Resource> was = byArn(from);
        Map<String, Resource> now = byArn(to);
        List<String> lines = new ArrayList<>();
        now.forEach((arn, resource) -> {
            Resource before = was.get(arn);
            if (before == null) {
                lines.add("add " + words(resource));
            } else if (!before.equals(resource)) {
                lines.add(changed(before, resource));
            }
        });
        was.forEach((arn, resource) -> {
            if (!now.containsKey(arn)) {
                lines.add("delete " + words(resource));
            }
        });
        return lines;
    }

    private static String changed(Resource before, Resource after) {
        if (before instanceof Rule b && after instanceof Rule a) {
            String moved = b.priority().equals(a.priority())
                    ? ""
                    : " moved " + b.priority().text() + " → " + a.priority().text();
            boolean same = b.conditions().equals(a.conditions()) && b.actions().equals(a.actions());
            return name(b) + moved + (same ? "" : ": " + body(b) + " → " + body(a));
        }
        return "change " + words(after);
    }

    private static String words(Resource resource) {
        return switch (resource) {
            case Rule rule -> name(rule) + " (" + body(rule) + ")";
            case Listener listener -> "listener " + listener.protocol() + " :" + listener.port();
            default -> resource.arn();
        };
    }

    private static String name(Rule rule) {
        return rule.isDefault() ? "default rule" : "rule " + rule.priority().text();
    }

    private static String body(Rule rule) {
        return (rule.isDefault() ? "" : "when " + Words.conditions(rule.conditions()) + ", ")
                + Words.action(rule.action());
    }

    private static Map<String, Resource> byArn(List<Resource> resources) {
        Map<String, Resource> out = new LinkedHashMap<>();
        resources.forEach(r -> out.put(r.arn(), r));
        return out;
    }
}
