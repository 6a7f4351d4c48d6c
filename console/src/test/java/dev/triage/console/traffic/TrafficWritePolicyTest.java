package dev.triage.console.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shift under a read-only or protected AWS profile: refused in words, or applied once the name is typed. */
class TrafficWritePolicyTest {

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lb = TrafficLoadBalancers.create();
    private final Tasks tasks = Tasks.direct();
    private AuditJournal journal;
    private TrafficViewModel vm;

    @BeforeEach
    void open() {
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        vm = new TrafficViewModel(lb, journal, tasks, "oncall");
        vm.refresh();
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void aReadOnlyProfileRefusesTheShiftAndChangesNothing() {
        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));
        vm.preview(10);

        vm.confirm();

        assertThat(TrafficLoadBalancers.modifyCalls(lb)).isZero();
        assertThat(journal.entries()).isEmpty();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text()).startsWith("Not applied: Read-only profile prod");
    }

    @Test
    void aProtectedProfileRefusesTheShiftUntilItsExactNameIsTyped() {
        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.PROTECTED, "prod"));
        vm.preview(10);

        vm.guard().typedProperty().set("prd");
        vm.confirm();
        assertThat(TrafficLoadBalancers.modifyCalls(lb)).isZero();
        assertThat(vm.messageProperty().get().text())
                .isEqualTo("Not applied: Protected profile prod: type its name to confirm this write.");
        assertThat(vm.pendingProperty().get()).isNotNull();

        vm.guard().typedProperty().set("prod");
        vm.confirm();
        assertThat(TrafficLoadBalancers.forward(lb).targetGroups())
                .containsExactly(
                        new WeightedTargetGroup(EdgeLoadBalancers.LEGACY, 90),
                        new WeightedTargetGroup(EdgeLoadBalancers.REPLACEMENT, 10));
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.SUCCESS);
    }

    @Test
    void undoIsAWriteTooAndReadOnlyRefusesIt() {
        vm.preview(25);
        vm.confirm();
        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));

        vm.previewUndo(vm.history().getFirst());
        vm.confirm();

        assertThat(TrafficLoadBalancers.forward(lb).targetGroups())
                .containsExactly(
                        new WeightedTargetGroup(EdgeLoadBalancers.LEGACY, 75),
                        new WeightedTargetGroup(EdgeLoadBalancers.REPLACEMENT, 25));
        assertThat(vm.messageProperty().get().text()).startsWith("Not applied: Read-only profile prod");
    }
}
