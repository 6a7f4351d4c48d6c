package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a rotation of the CDN's secret header stands: what {@link CdnSecretRotation} persists
 * after every step, so the console can show it after a restart. Holds the two values only as
 * digests ({@code hmac-sha256:...} under the audit journal's key), never the values.
 *
 * @param stage the stage last worked on
 * @param complete whether every listener and agent in scope reached {@code stage}
 * @param cdnSwitched whether the user confirmed the CDN sends the new value
 * @param listenersLeft listeners (ARN) not yet at {@code stage}, each with why (a failure, or not
 *     tried yet); empty when complete
 * @param agentsLeft agents (name) not yet at {@code stage}, each with why
 * @param journalEntries the audit journal entries of the load-balancer changes, oldest first
 */
public record RotationState(
        String headerName,
        Stage stage,
        boolean complete,
        String oldDigest,
        String newDigest,
        boolean cdnSwitched,
        List<String> listeners,
        List<String> agents,
        Map<String, String> listenersLeft,
        Map<String, String> agentsLeft,
        List<String> journalEntries,
        Instant updated) {

    /** The stages in order; {@link #ABORTED} is reached from {@link #OVERLAP} instead of retiring. */
    public enum Stage {
        /** Recorded; nothing changed yet: only the old value is accepted. */
        START,
        /** Both values accepted: each rule's header condition and each agent's gate hold [old, new]. */
        OVERLAP,
        /** The old value removed: rules and gates hold [new]. */
        RETIRED,
        /** Closed after retiring; a new rotation may start. */
        DONE,
        /** Back to [old] only from the overlap; a new rotation may start. */
        ABORTED
    }

    public RotationState {
        requireNonNull(headerName, "headerName");
        requireNonNull(stage, "stage");
        requireNonNull(oldDigest, "oldDigest");
        requireNonNull(newDigest, "newDigest");
        requireNonNull(updated, "updated");
        listeners = List.copyOf(listeners);
        agents = List.copyOf(agents);
        listenersLeft = Collections.unmodifiableMap(new LinkedHashMap<>(listenersLeft));
        agentsLeft = Collections.unmodifiableMap(new LinkedHashMap<>(agentsLeft));
        journalEntries = List.copyOf(journalEntries);
        if (complete != (listenersLeft.isEmpty() && agentsLeft.isEmpty())) {
            throw new IllegalArgumentException("complete: " + complete + " with " + listenersLeft.size()
                    + " listener(s) and " + agentsLeft.size() + " agent(s) left (expected: complete exactly when"
                    + " none is left)");
        }
    }

    /** Whether a new rotation may start over this one. */
    public boolean closed() {
        return complete && (stage == Stage.DONE || stage == Stage.ABORTED);
    }

    /** The agents that reached {@link #stage}. */
    public List<String> agentsDone() {
        return agents.stream().filter(a -> !agentsLeft.containsKey(a)).toList();
    }

    /** The listeners that reached {@link #stage}. */
    public List<String> listenersDone() {
        return listeners.stream().filter(l -> !listenersLeft.containsKey(l)).toList();
    }

    /** One line per part, e.g. "OVERLAP: 1 of 2 listener(s), 2 of 3 agent(s); left: agent node-2 (unavailable)". */
    public String summary() {
        StringBuilder out = new StringBuilder(stage.name())
                .append(complete ? " (complete)" : " (incomplete)")
                .append(": ")
                .append(listenersDone().size())
                .append(" of ")
                .append(listeners.size())
                .append(" listener(s), ")
                .append(agentsDone().size())
                .append(" of ")
                .append(agents.size())
                .append(" agent(s)");
        List<String> left = new ArrayList<>();
        listenersLeft.forEach((l, why) -> left.add("listener " + l + " (" + why + ")"));
        agentsLeft.forEach((a, why) -> left.add("agent " + a + " (" + why + ")"));
        if (!left.isEmpty()) {
            out.append("; left: ").append(String.join("; ", left));
        }
        return out.toString();
    }

    RotationState at(
            Stage newStage,
            Map<String, String> newListenersLeft,
            Map<String, String> newAgentsLeft,
            List<String> newEntries,
            Instant now) {
        return new RotationState(
                headerName,
                newStage,
                newListenersLeft.isEmpty() && newAgentsLeft.isEmpty(),
                oldDigest,
                newDigest,
                cdnSwitched,
                listeners,
                agents,
                newListenersLeft,
                newAgentsLeft,
                newEntries,
                now);
    }

    RotationState switched(Instant now) {
        return new RotationState(
                headerName,
                stage,
                complete,
                oldDigest,
                newDigest,
                true,
                listeners,
                agents,
                listenersLeft,
                agentsLeft,
                journalEntries,
                now);
    }
}
