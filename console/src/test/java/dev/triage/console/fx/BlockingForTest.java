package dev.triage.console.fx;

/** Console code that blocks, for proving the FX watchdog notices it. */
public final class BlockingForTest {

    private BlockingForTest() {}

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
