package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.core.lab.LabDescription;
import dev.triage.lab.bench.LiveTraffic;
import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.up.LabTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens connections: the embedded lab (the default) or a running lab's describe file. Blocking. */
public final class Connections {

    /** What {@link Connection.Place#remembered()} holds for the embedded lab. */
    public static final String EMBEDDED = "embedded";

    /** The prefix of {@link Connection.Place#remembered()} for an attached lab. */
    public static final String LAB_FILE = "lab:";

    /** The prefix of {@link Connection.Place#remembered()} for an AWS profile. */
    public static final String AWS = "aws:";

    /** Staff requests a second the embedded lab's traffic sends, as {@code triage-lab up} does. */
    static final double EMBEDDED_RATE = 4;

    private Connections() {}

    /**
     * Attaches to a lab started with {@code triage-lab up --describe FILE}; changes are journalled
     * in {@code journalFile}.
     */
    public static Connection attach(Path describeFile, Path journalFile) {
        requireNonNull(describeFile, "describeFile");
        LabDescription description = LabDescription.read(describeFile);
        Connection.Place place = new Connection.Place(
                Connection.Place.Kind.LAB,
                "Lab",
                "load balancer " + description.loadBalancer() + " (" + describeFile.getFileName() + ")",
                LAB_FILE + describeFile.toAbsolutePath());
        return new LabConnection(place, description, journalFile, List.of());
    }

    /**
     * Opens an AWS account through a profile of ~/.aws/config: load balancers (ELBv2), certificates
     * (ACM), the identity for the banner (STS), and the agents of {@link AwsChoice#agents()} when
     * given. Changes are journalled in {@code journalFile}. Blocking.
     */
    public static Connection aws(AwsChoice choice, Path journalFile) {
        return AwsConnection.open(choice, journalFile);
    }

    /**
     * Starts the whole lab in-process on free loopback ports with staff traffic and an attacker,
     * so the numbers move at once.
     */
    public static Connection embedded(EmbeddedOptions options) {
        requireNonNull(options, "options");
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            LabTopology lab = startLab(options);
            owned.add(lab);
            enableEdgeAccessLog(lab, edgeAccessLog(options.journal()));
            if (options.staffPerSecond() > 0) {
                owned.add(LiveTraffic.start(
                        lab.loadBalancer(), options.staffPerSecond(), options.attackEvery(), options.seed()));
            }
            Connection.Place place = new Connection.Place(
                    Connection.Place.Kind.LAB, "Lab (embedded)", "load balancer " + lab.loadBalancer(), EMBEDDED);
            return new LabConnection(place, describe(lab), options.journal(), owned);
        } catch (IOException e) {
            closeAll(owned);
            throw new UncheckedIOException("the embedded lab did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /**
     * A lab someone else started in this process (tests): reached through its agents' admin APIs
     * like any lab, left running on close.
     */
    public static Connection inProcess(LabTopology lab, Path journal) {
        requireNonNull(lab, "lab");
        Connection.Place place = new Connection.Place(
                Connection.Place.Kind.LAB, "Lab (in-process)", "load balancer " + lab.loadBalancer(), EMBEDDED);
        return new LabConnection(place, describe(lab), journal, List.of());
    }

    /** Where the embedded lab's edge (its load balancer) writes its access log: beside the journal. */
    static Path edgeAccessLog(Path journal) {
        String name = journal.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return journal.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-edge-access.jsonl");
    }

    /**
     * Turns the edge agent's JSON-lines access log on (through its admin API, like any config change), so the
     * Security screen's "From access logs" has the load balancer's log to scan, as on AWS with logging to S3.
     */
    static void enableEdgeAccessLog(LabTopology lab, Path file) {
        LabTopology.LabAgent edge = lab.agent("edge");
        try (AgentClient client = AgentClient.create()) {
            VersionedConfig current = client.config(edge.endpoint()).get(10, TimeUnit.SECONDS);
            client.pushConfig(
                            edge.endpoint(),
                            current.config().withAccessLog(new AccessLog(true, file.toString())),
                            current.etag())
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded lab's edge refused its access log: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while turning on the edge's access log", e);
        }
    }

    /** A fresh journal file for an embedded lab: the lab is new, so is its history. */
    public static Path freshLabJournal(Path dir) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        return dir.resolve("lab-" + stamp + ".jsonl");
    }

    /**
     * How the embedded lab runs.
     *
     * @param journal the audit journal file
     * @param staffPerSecond staff requests a second; 0 for a quiet lab (tests drive their own)
     * @param attackEvery one attack burst this often, or null for none
     * @param failures HOSP's failure profile
     */
    public record EmbeddedOptions(
            Path journal, double staffPerSecond, Duration attackEvery, long seed, FailureProfile failures) {
        public EmbeddedOptions {
            requireNonNull(journal, "journal");
            requireNonNull(failures, "failures");
            if (staffPerSecond < 0 || staffPerSecond > 1_000) {
                throw new IllegalArgumentException("staffPerSecond: " + staffPerSecond + " (expected: 0..1000)");
            }
        }

        /** As {@code triage-lab up} runs: 4 staff requests a second, an attack every 30 s, HOSP's faults. */
        public static EmbeddedOptions defaults(Path journal) {
            return new EmbeddedOptions(journal, EMBEDDED_RATE, Duration.ofSeconds(30), 42, FailureProfile.defaults());
        }
    }

    private static LabTopology startLab(EmbeddedOptions options) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int base = freePortBase();
            try {
                return LabTopology.start(
                        new LabTopology.Options(base + 30, base, 1.0, options.seed(), options.failures()));
            } catch (java.net.BindException e) {
                last = e; // another process took a port between the probe and the bind: try another range
            }
        }
        throw last;
    }

    static LabDescription describe(LabTopology lab) {
        List<LabDescription.Agent> agents = lab.agents().stream()
                .map(a -> new LabDescription.Agent(
                        a.name(), a.role(), a.traffic().toString(), a.admin().toString(), a.token()))
                .toList();
        return new LabDescription(lab.loadBalancer().toString(), agents);
    }

    /** A base port with the lab's ports after it free now (the lab binds them right after). */
    private static int freePortBase() throws IOException {
        InetAddress loopback = InetAddress.getByName(LabTopology.HOST);
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
                base = probe.getLocalPort();
            }
            if (base <= 65_000 && allFree(loopback, base)) {
                return base;
            }
        }
        throw new IOException("no free range of 31 loopback ports found for the embedded lab");
    }

    private static boolean allFree(InetAddress loopback, int base) {
        for (int offset : new int[] {0, 1, 10, 11, 20, 21, 22, 30}) {
            try (ServerSocket probe = new ServerSocket(base + offset, 1, loopback)) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts.reversed()) {
            try {
                part.close();
            } catch (Exception ignored) {
                // already failing; the first failure is what the user sees
            }
        }
    }
}
