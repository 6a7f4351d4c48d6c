package dev.triage.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TasksTest {

    @Test
    void directTasksRunTheWorkAndTheCallbackBeforeReturning() {
        try (Tasks tasks = Tasks.direct()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            tasks.run("ok", () -> "done", seen::add, f -> seen.add("failed"));
            tasks.run(
                    "fails",
                    () -> {
                        throw new IllegalStateException("boom");
                    },
                    r -> seen.add("no"),
                    f -> seen.add(f.getMessage()));
            assertThat(seen).containsExactly("done", "boom");
        }
    }

    @Test
    void resultsArriveOnTheUiExecutorAndACancelledTaskDeliversNothing() throws Exception {
        LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
        Executor ui = uiQueue::add;
        try (Tasks tasks = Tasks.forTest(ui)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch release = new CountDownLatch(1);
            Tasks.Handle slow = tasks.run(
                    "slow",
                    () -> {
                        release.await();
                        return "slow";
                    },
                    seen::add,
                    f -> seen.add("failed"));
            tasks.run("fast", () -> "fast", seen::add, f -> seen.add("failed"));

            Runnable delivery = uiQueue.poll(10, TimeUnit.SECONDS);
            assertThat(seen).isEmpty(); // nothing runs a callback off the UI executor
            delivery.run();
            assertThat(seen).containsExactly("fast");

            slow.cancel();
            release.countDown();
            assertThat(slow.isCancelled()).isTrue();
            Runnable late = uiQueue.poll(200, TimeUnit.MILLISECONDS);
            if (late != null) {
                late.run();
            }
            assertThat(seen).containsExactly("fast");
        }
    }
}
