package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.security.Remediation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The posture panel over an in-memory load balancer without JavaFX. */
class PostureViewModelTest {

    private final Tasks tasks = Tasks.direct();

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void listsTheFailuresMostSevereFirstWithTheirFixesAndWhichOnesCanBePlanned() {
        PostureViewModel vm = new PostureViewModel(MemoryLoadBalancers.create(), SecuritySource.NONE, tasks);
        assertThat(vm.loadedProperty().get()).isFalse();

        vm.refresh();

        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.findings()).isNotEmpty();
        PostureViewModel.Finding first = vm.findings().getFirst();
        assertThat(first.severity()).isEqualTo("CRITICAL");
        assertThat(first.check()).isEqualTo("every forwarding rule requires the CDN header");
        assertThat(first.fix().kind()).isEqualTo(Remediation.Kind.REQUIRE_HEADER);
        assertThat(first.plannable()).isTrue();
        assertThat(first.reason()).contains("forwards requests without X-Origin-Verify");

        PostureViewModel.Finding http = vm.findings().stream()
                .filter(f -> f.check().equals("HTTP listener redirects to HTTPS"))
                .findFirst()
                .orElseThrow();
        assertThat(http.plannable()).isFalse();
        assertThat(http.advice()).isEqualTo("no automatic fix; see the reason");
        assertThat(vm.summaryProperty().get()).startsWith(vm.findings().size() + " failed, ");
        assertThat(vm.checkingProperty().get()).isFalse();
    }
}
