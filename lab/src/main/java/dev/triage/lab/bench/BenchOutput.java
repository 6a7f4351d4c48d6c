package dev.triage.lab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option a bench command mixes in, and the command's output: its report's table on
 * the command's out stream, then the JSON file when one was asked for.
 */
final class BenchOutput {

    /** Writes a report as JSON to a file. */
    @FunctionalInterface
    interface JsonWriter {
        void write(Path file) throws IOException;
    }

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    private Path json;

    /** Prints {@code table} and, with {@code --json}, writes the report there and says so. */
    void print(CommandSpec spec, String table, JsonWriter writer) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.print(table);
        if (json != null) {
            writer.write(json);
            out.println("wrote " + json);
        }
        out.flush();
    }
}
