package dev.triage.lab.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench throughput}: runs {@link ThroughputBench}, prints its table and writes its JSON. */
@Command(
        name = "throughput",
        mixinStandardHelpOptions = true,
        description = "Measures the agent's throughput in one process on 127.0.0.1: cache hits, pass-through to a"
                + " fast upstream, and the same load straight to that upstream as a baseline.")
public final class ThroughputCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--concurrency",
            defaultValue = "" + ThroughputBench.Options.DEFAULT_CONCURRENCY,
            description = "Client virtual threads, each with a keep-alive connection (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(
            names = "--requests",
            defaultValue = "" + ThroughputBench.Options.DEFAULT_REQUESTS,
            description = "Measured requests per scenario (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(
            names = "--warmup",
            defaultValue = "" + ThroughputBench.Options.DEFAULT_WARMUP_REQUESTS,
            description = "Unmeasured warm-up requests per scenario (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(
            names = "--max-seconds",
            defaultValue = "60",
            description = "Bound on each phase of each scenario, in seconds (default: ${DEFAULT-VALUE}).")
    private long maxSeconds;

    @Option(
            names = "--body-bytes",
            defaultValue = "" + ThroughputBench.Options.DEFAULT_BODY_BYTES,
            description = "Size of the upstream's JSON body (default: ${DEFAULT-VALUE}).")
    private int bodyBytes;

    @Mixin
    private BenchOutput output;

    @Override
    public Integer call() throws Exception {
        ThroughputBench.Options options;
        try {
            options = new ThroughputBench.Options(
                    concurrency, requests, warmup, Duration.ofSeconds(maxSeconds), bodyBytes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ThroughputBench.Report report = ThroughputBench.run(options);
        output.print(spec, report.table(), report::writeJson);
        boolean failed = report.scenarios().stream().anyMatch(s -> s.errors() > 0);
        return failed ? 1 : 0;
    }

    /** Runs the command on its own (the lab's {@code bench throughput} is the usual way). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ThroughputCommand()).execute(args));
    }
}
