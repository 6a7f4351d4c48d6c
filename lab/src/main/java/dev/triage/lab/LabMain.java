package dev.triage.lab;

import dev.triage.lab.bench.ReliabilityCommand;
import dev.triage.lab.bench.SecurityCommand;
import dev.triage.lab.bench.ThroughputCommand;
import dev.triage.lab.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar triage-lab.jar <command>}: the lab's entry point. */
@Command(
        name = "triage-lab",
        mixinStandardHelpOptions = true,
        versionProvider = LabMain.Version.class,
        description = "A faithful local copy of the HOSP situation: simulator, agents, traffic and benchmarks.",
        subcommands = {UpCommand.class, DemoCommand.class, HospCommand.class, LabMain.Bench.class})
public final class LabMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new LabMain());
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Benchmarks that prove the agent's numbers.",
            subcommands = {ReliabilityCommand.class, ThroughputCommand.class, SecurityCommand.class})
    static final class Bench {}

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LabMain.class.getPackage().getImplementationVersion();
            return new String[] {"triage-lab " + (version == null ? "(development build)" : version)};
        }
    }
}
