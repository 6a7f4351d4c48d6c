package dev.triage.console.cli;

import dev.triage.core.domain.AuditEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Prints an applied change's outcome; only a VERIFIED change exits 0. */
final class Outcomes {

    private Outcomes() {}

    static int print(CommandSpec spec, AuditEntry entry, boolean json) {
        boolean ok = entry.outcome() == AuditEntry.Outcome.VERIFIED;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", entry.id());
            m.put("title", entry.plan().title());
            m.put("outcome", entry.outcome().name());
            m.put("detail", entry.detail());
            spec.commandLine().getOut().println(JsonOut.write(m));
        } else {
            spec.commandLine().getOut().printf("%s: %s (%s)%n", entry.plan().title(), entry.outcome(), entry.detail());
        }
        spec.commandLine().getOut().flush();
        if (!ok) {
            spec.commandLine().getErr().println("triage: " + entry.outcome() + ": " + entry.detail());
            spec.commandLine().getErr().flush();
        }
        return ok ? 0 : 1;
    }
}
