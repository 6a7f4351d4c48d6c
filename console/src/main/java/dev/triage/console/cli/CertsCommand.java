package dev.triage.console.cli;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.PemImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code triage certs}: certificates (ACM for AWS targets; the lab has no certificate store). */
@Command(
        name = "certs",
        description = "Certificates.",
        subcommands = {CertsCommand.ListCommand.class, CertsCommand.ImportCommand.class})
final class CertsCommand {

    static final String LAB_HAS_NONE = "the lab has no certificate store: its edge agent reads TLS certificates from"
            + " the files its HTTPS listeners name (see `triage lb list`); certs list works against AWS (ACM)";

    @ParentCommand
    Triage triage;

    /** {@code triage certs list}: every certificate with status, expiry and users, the soonest to expire first. */
    @Command(name = "list", description = "List certificates with status, expiry and what uses them.")
    static final class ListCommand implements Callable<Integer> {

        @ParentCommand
        CertsCommand certs;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            Optional<Target.OpenedCertificates> store = certs.triage.target().certificates();
            if (store.isEmpty()) {
                spec.commandLine().getErr().println("triage: " + LAB_HAS_NONE);
                spec.commandLine().getErr().flush();
                return 1;
            }
            try (Target.OpenedCertificates opened = store.get()) {
                List<Map<String, Object>> view = view(opened.certificates().certificates(), Instant.now());
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(JsonOut.write(Map.of("certificates", view)));
                } else {
                    printText(out, view);
                }
                out.flush();
                return 0;
            }
        }
    }

    /**
     * {@code triage certs import}: a certificate and its private key (and chain) from PEM files, checked here first,
     * previewed without the key, confirmed, imported, verified against the store's description and journalled.
     */
    @Command(
            name = "import",
            description = "Import a certificate and its private key (PEM files) into the certificate store (ACM).")
    static final class ImportCommand implements Callable<Integer> {

        @ParentCommand
        CertsCommand certs;

        @Spec
        CommandSpec spec;

        @Option(names = "--certificate", required = true, paramLabel = "FILE", description = "the certificate (PEM)")
        Path certificate;

        @Option(
                names = "--key",
                required = true,
                paramLabel = "FILE",
                description = "its private key (PEM, unencrypted)")
        Path key;

        @Option(names = "--chain", paramLabel = "FILE", description = "the intermediate certificates (PEM)")
        Path chain;

        @Option(names = "--yes", description = "import without asking")
        boolean yes;

        @Option(names = "--json", description = "print the outcome as JSON")
        boolean json;

        @Option(names = "--reason", description = "why, for the audit journal")
        String reason = "no reason given";

        @Override
        public Integer call() throws IOException {
            Optional<Target.OpenedCertificates> store = certs.triage.target().certificates();
            if (store.isEmpty()) {
                spec.commandLine().getErr().println("triage: " + LAB_HAS_NONE);
                spec.commandLine().getErr().flush();
                return 1;
            }
            PemImport pem = new PemImport(
                    PemImport.readFile(certificate, "--certificate"),
                    PemImport.readFile(key, "--key"),
                    chain == null ? null : PemImport.readFile(chain, "--chain"));
            PemImport.Inspection inspection = pem.inspect();
            if (!inspection.importable()) {
                throw new CoreException.Invalid("certificate import", inspection.problems());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!yes) {
                out.println("import certificate " + inspection.name() + " into the certificate store");
                inspection.describe(Instant.now()).forEach(line -> out.println("  " + line));
                if (!certs.triage.confirm(spec, "import?")) {
                    spec.commandLine().getErr().println("triage: not imported (not confirmed)");
                    return 1;
                }
            }
            try (Target.Opened opened = certs.triage.target().open();
                    Target.OpenedCertificates opencerts = store.get()) {
                ChangeApplier applier =
                        new ChangeApplier(opened.loadBalancers(), new AuditJournal(certs.triage.journalFile()));
                Certificate imported = applier.importCertificate(opencerts.certificates(), pem, Triage.actor(), reason);
                boolean verified = inspection.describedBy(imported);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>(
                            view(List.of(imported), Instant.now()).getFirst());
                    m.put("verified", verified);
                    out.println(JsonOut.write(m));
                } else {
                    out.println((verified ? "VERIFIED: imported " : "UNVERIFIED: imported ") + imported.domainName()
                            + " as " + imported.arn() + " (" + imported.status() + ")"
                            + (verified ? "" : "; the store describes another certificate: check `triage certs list`"));
                }
                out.flush();
                return verified ? 0 : 1;
            }
        }
    }

    /** The certificates, the soonest to expire first (those without expiry last), as plain maps. */
    static List<Map<String, Object>> view(List<Certificate> certificates, Instant now) {
        List<Certificate> sorted = new ArrayList<>(certificates);
        sorted.sort(Comparator.comparing(Certificate::notAfter, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Certificate::domainName));
        List<Map<String, Object>> result = new ArrayList<>();
        for (Certificate c : sorted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arn", c.arn());
            m.put("domainName", c.domainName());
            m.put("subjectAlternativeNames", c.subjectAlternativeNames());
            m.put("status", c.status().name());
            m.put("notAfter", c.notAfter() == null ? null : c.notAfter().toString());
            m.put("daysToExpiry", c.notAfter() == null ? null : c.daysToExpiry(now));
            m.put("inUseBy", c.inUseBy());
            result.add(m);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, List<Map<String, Object>> view) {
        if (view.isEmpty()) {
            out.println("no certificates");
        }
        for (Map<String, Object> c : view) {
            Object days = c.get("daysToExpiry");
            String expiry = days == null
                    ? "no expiry yet"
                    : "expires " + c.get("notAfter") + " (" + expiryText((Long) days) + ")";
            List<String> users = (List<String>) c.get("inUseBy");
            out.printf("%s  %s  %s  %s%n", c.get("domainName"), c.get("status"), expiry, c.get("arn"));
            out.printf("    %s%n", users.isEmpty() ? "not in use" : "in use by " + String.join(", ", users));
        }
    }

    private static String expiryText(long days) {
        if (days < 0) {
            return "expired";
        }
        if (days == 0) {
            return "last day";
        }
        return days == 1 ? "in 1 day" : "in " + days + " days";
    }
}
