package dev.triage.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WritePolicyTest {

    @Test
    void normalAllowsEveryWriteWithoutTyping() {
        assertThat(WritePolicy.NORMAL.writable()).isTrue();
        assertThat(WritePolicy.NORMAL.refusal("")).isEmpty();
        assertThat(WritePolicy.NORMAL.label()).isEmpty();
    }

    @Test
    void readOnlyRefusesEveryWriteEvenWithTheNameTyped() {
        WritePolicy policy = WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod");

        assertThat(policy.writable()).isFalse();
        assertThat(policy.refusal("prod"))
                .hasValueSatisfying(why -> assertThat(why).startsWith("Read-only profile prod: writes are disabled"));
        assertThat(policy.whyReadOnly()).contains("Read-only profile prod");
        assertThat(policy.label()).isEqualTo("READ-ONLY");
    }

    @Test
    void protectedAllowsAWriteOnlyWithTheExactProfileNameTyped() {
        WritePolicy policy = WritePolicy.of(WritePolicy.Mode.PROTECTED, "prod-eu");

        assertThat(policy.writable()).isTrue();
        assertThat(policy.needsTypedName()).isTrue();
        assertThat(policy.refusal("")).hasValue("Protected profile prod-eu: type its name to confirm this write.");
        assertThat(policy.refusal("prod")).isPresent();
        assertThat(policy.refusal("PROD-EU")).isPresent();
        assertThat(policy.refusal(null)).isPresent();
        assertThat(policy.refusal("prod-eu")).isEmpty();
        assertThat(policy.refusal(" prod-eu ")).isEmpty();
        assertThat(policy.label()).isEqualTo("PROTECTED");
    }

    @Test
    void modesReadAndWriteTheirKeys() {
        for (WritePolicy.Mode mode : WritePolicy.Mode.values()) {
            assertThat(WritePolicy.Mode.parse(mode.key())).isEqualTo(mode);
        }
        assertThat(WritePolicy.Mode.READ_ONLY.key()).isEqualTo("read-only");
        assertThatThrownBy(() -> WritePolicy.Mode.parse("careful"))
                .hasMessage("mode: 'careful' (expected: normal, read-only or protected)");
    }

    @Test
    void theGuardClearsWhatWasTypedAfterEachAttempt() {
        WriteGuard guard = new WriteGuard();
        guard.policy(WritePolicy.of(WritePolicy.Mode.PROTECTED, "prod"));
        guard.typedProperty().set("prod");

        assertThat(guard.refusal()).isEmpty();
        assertThat(guard.typedProperty().get()).isEmpty();
        assertThat(guard.refusal()).isPresent();
        assertThat(guard.promptProperty().get()).isEqualTo("Type prod to confirm");
        assertThat(guard.writableProperty().get()).isTrue();
        guard.policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));
        assertThat(guard.writableProperty().get()).isFalse();
        assertThat(guard.whyReadOnlyProperty().get()).startsWith("Read-only profile prod");
    }
}
