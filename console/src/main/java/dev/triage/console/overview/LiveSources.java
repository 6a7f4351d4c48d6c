package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The live sources a connection offers the overview, and how to open one: on the lab, its front door's agents
 * (one choice); on AWS, CloudWatch for each application load balancer of the region (the on-call engineer
 * chooses which). The ViewModel lists and opens through its background tasks: both may block.
 */
public interface LiveSources {

    /**
     * One source to choose.
     *
     * @param key what identifies it across runs and is remembered (a load balancer's ARN, or a name)
     * @param label what the chooser shows (the load balancer's name)
     */
    record Choice(String key, String label) {
        public Choice {
            requireNonNull(key, "key");
            requireNonNull(label, "label");
            if (key.isBlank()) {
                throw new IllegalArgumentException("key: '" + key + "' (expected: an ARN or a name)");
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What can be shown now, in the order offered; blocking. Empty where there is nothing to show. */
    List<Choice> choices() throws Exception;

    /** Opens one of {@link #choices()}: its first {@link LiveSource#read()} is the caller's; blocking. */
    LiveSource open(Choice choice) throws Exception;

    /** Why the overview is empty when {@link #choices()} is: "no application load balancer in this region ...". */
    String none();

    /** One source, always open (the lab's agents, tests). */
    static LiveSources of(LiveSource source, String label) {
        requireNonNull(source, "source");
        Choice only = new Choice(label, label);
        return new LiveSources() {
            @Override
            public List<Choice> choices() {
                return List.of(only);
            }

            @Override
            public LiveSource open(Choice choice) {
                if (!choice.equals(only)) {
                    throw new IllegalArgumentException("choice: " + choice.key() + " (expected: " + label + ")");
                }
                return source;
            }

            @Override
            public String none() {
                return "";
            }
        };
    }
}
