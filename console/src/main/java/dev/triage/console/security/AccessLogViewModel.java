package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.AccessLogDetectors;
import dev.triage.core.security.AccessLogReport;
import dev.triage.core.security.AccessLogScan;
import dev.triage.core.security.DetectorSettings;
import dev.triage.core.security.LogFinding;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "From access logs": core's access-log detectors over every load balancer's logs in a time range (S3 on AWS, the
 * edge agent's log in the lab), run as a cancellable background task that reports how many entries it has read. Each
 * finding in words: kind, severity, source, count, first and last seen, evidence (masked by core). Knows no Node.
 */
public final class AccessLogViewModel {

    /** The time ranges offered, ending now. */
    public enum Range {
        LAST_15_MINUTES("last 15 minutes", Duration.ofMinutes(15)),
        LAST_HOUR("last hour", Duration.ofHours(1)),
        LAST_6_HOURS("last 6 hours", Duration.ofHours(6)),
        LAST_24_HOURS("last 24 hours", Duration.ofHours(24));

        private final String label;
        private final Duration length;

        Range(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public Duration length() {
            return length;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One finding as the table shows it. */
    public record Row(
            String kind,
            String severity,
            String source,
            long count,
            Instant first,
            Instant last,
            String evidence,
            String loadBalancer) {

        /** The source as the table shows it. */
        public String sourceOrDash() {
            return source.isEmpty() ? "-" : source;
        }

        static Row of(LogFinding f, String loadBalancer) {
            return new Row(
                    f.kind().label(),
                    f.severity().name(),
                    f.sourceIp(),
                    f.count(),
                    f.first(),
                    f.last(),
                    f.evidence(),
                    loadBalancer);
        }
    }

    /** Entries read between two progress updates (bounds the callbacks the scan queues for the UI thread). */
    static final int PROGRESS_EVERY = 2_000;

    private final AccessLogs logs;
    private final LoadBalancers loadBalancers;
    private final Tasks tasks;
    private final Clock clock;
    private final DetectorSettings settings;
    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(Range.LAST_HOUR);
    private final ObservableList<Row> findings = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty();
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private final LongProperty read = new SimpleLongProperty();
    private final StringProperty cdnRangesText = new SimpleStringProperty("");
    private final StringProperty cdnRangesMessage = new SimpleStringProperty();
    private final BooleanProperty cdnRangesValid = new SimpleBooleanProperty(true);
    private final ObjectProperty<List<String>> cdnRanges = new SimpleObjectProperty<>(List.of());
    private final BooleanProperty loadingRanges = new SimpleBooleanProperty();
    private Tasks.Handle running;
    private AtomicBoolean cancelled = new AtomicBoolean();

    /** @param logs the place's access logs, or null where it has none (the panel says so and cannot scan) */
    public AccessLogViewModel(
            AccessLogs logs, LoadBalancers loadBalancers, DetectorSettings settings, Tasks tasks, Clock clock) {
        this.logs = logs;
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.settings = requireNonNull(settings, "settings");
        this.tasks = requireNonNull(tasks, "tasks");
        this.clock = requireNonNull(clock, "clock");
        status.set(
                logs == null
                        ? "This connection has no access logs to read."
                        : "Pick a time range and scan the load balancers' access logs.");
        cdnRangesText.subscribe(this::checkRanges);
    }

    /**
     * The CDN's address ranges as typed: CIDR blocks separated by commas, spaces or new lines. Checked on every
     * change; while they are not all blocks the message names the first bad one and Scan waits.
     */
    public StringProperty cdnRangesTextProperty() {
        return cdnRangesText;
    }

    /** What the ranges field says: how many ranges, or which entry is wrong and what was expected. */
    public ReadOnlyStringProperty cdnRangesMessageProperty() {
        return cdnRangesMessage;
    }

    /** Whether the ranges text is a (possibly empty) list of CIDR blocks. */
    public ReadOnlyBooleanProperty cdnRangesValidProperty() {
        return cdnRangesValid;
    }

    /** The ranges of the text as last valid, without repeats: what the next scan uses and the settings keep. */
    public ReadOnlyObjectProperty<List<String>> cdnRangesProperty() {
        return cdnRanges;
    }

    /** Whether a ranges file is being read. */
    public ReadOnlyBooleanProperty loadingRangesProperty() {
        return loadingRanges;
    }

    /**
     * Replaces the ranges with the CloudFront ranges of an AWS {@code ip-ranges.json}, read in the background; a
     * file that is not one leaves the ranges as they were and says why.
     */
    public void loadCdnRanges(Path file) {
        requireNonNull(file, "file");
        loadingRanges.set(true);
        cdnRangesMessage.set("Reading " + file.getFileName() + " ...");
        tasks.run(
                "read CDN ranges",
                () -> AwsIpRanges.cloudFront(file),
                blocks -> {
                    loadingRanges.set(false);
                    cdnRangesText.set(String.join(", ", blocks));
                    if (cdnRangesValid.get()) {
                        cdnRangesMessage.set(blocks.size() + " " + AwsIpRanges.SERVICE + " range(s) from "
                                + file.getFileName() + ".");
                    }
                },
                failure -> {
                    loadingRanges.set(false);
                    cdnRangesMessage.set("Could not load the ranges: " + AgentStreams.reason(failure));
                });
    }

    private void checkRanges(String text) {
        CdnRanges parsed = CdnRanges.parse(text);
        cdnRangesValid.set(parsed.valid());
        if (!parsed.valid()) {
            cdnRangesMessage.set(parsed.problem());
            return;
        }
        cdnRanges.set(parsed.ranges());
        cdnRangesMessage.set(
                parsed.ranges().isEmpty()
                        ? "No CDN ranges: writes from outside the CDN are not checked."
                        : parsed.ranges().size()
                                + " CDN range(s): a write answered 2xx from any other address is a finding.");
    }

    /** Whether the place has access logs at all. */
    public boolean available() {
        return logs != null;
    }

    /** Scans every load balancer's log over the chosen range, in the background; ignored while a scan runs. */
    public void scan() {
        if (logs == null || scanning.get()) {
            return;
        }
        if (!cdnRangesValid.get()) {
            status.set("Correct the CDN ranges first: " + cdnRangesMessage.get());
            return;
        }
        List<String> ranges = cdnRanges.get();
        AccessLogDetectors detectors = new AccessLogDetectors(settings.withCdnRanges(ranges));
        Instant to = clock.instant();
        Instant from = to.minus(range.get().length());
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        scanning.set(true);
        read.set(0);
        status.set("Scanning the access logs of the " + range.get() + " ...");
        running = tasks.run(
                "access log scan",
                () -> scanAll(detectors, ranges.size(), from, to, stop),
                result -> {
                    findings.setAll(result.rows());
                    read.set(result.entries());
                    status.set(result.summary());
                    scanning.set(false); // last: whoever waits for the scan to end sees what it found
                },
                failure -> {
                    status.set("The scan failed: " + AgentStreams.reason(failure));
                    scanning.set(false);
                });
    }

    /** Stops a running scan; what it found so far is dropped. */
    public void cancel() {
        if (!scanning.get()) {
            return;
        }
        cancelled.set(true);
        if (running != null) {
            running.cancel();
        }
        scanning.set(false);
        status.set("Scan cancelled after " + read.get() + " entries; nothing shown from it.");
    }

    private record Result(List<Row> rows, long entries, String summary) {}

    private Result scanAll(AccessLogDetectors detectors, int ranges, Instant from, Instant to, AtomicBoolean stop) {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long entries = 0;
        List<LoadBalancer> all = loadBalancers.loadBalancers();
        for (LoadBalancer lb : all) {
            AccessLogScan scan = detectors.newScan();
            long before = entries;
            try (Stream<AlbLogEntry> stream = logs.entries(lb.arn(), from, to)) {
                var it = stream.iterator();
                while (it.hasNext()) {
                    if (stop.get() || Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("scan cancelled");
                    }
                    scan.accept(it.next());
                    entries++;
                    if (entries % PROGRESS_EVERY == 0) {
                        long now = entries;
                        tasks.ui(() -> {
                            if (!stop.get()) {
                                read.set(now);
                            }
                        });
                    }
                }
            } catch (CoreException.NotFound e) {
                notes.add(lb.name() + ": " + e.getMessage());
                continue;
            }
            AccessLogReport report = scan.report();
            report.findings().forEach(f -> rows.add(Row.of(f, lb.name())));
            report.notes().forEach(n -> notes.add(lb.name() + ": " + n));
            if (entries == before) {
                notes.add(lb.name() + ": no entries in this range");
            }
        }
        String summary = rows.size() + " finding(s) in " + entries + " log entries of " + all.size()
                + " load balancer(s), " + from + " to " + to + "; "
                + (ranges == 0 ? "no CDN ranges given" : ranges + " CDN range(s) used")
                + (notes.isEmpty() ? "" : ". " + String.join("; ", notes));
        return new Result(rows, entries, summary);
    }

    public ObjectProperty<Range> rangeProperty() {
        return range;
    }

    /** The last scan's findings, most severe first per load balancer. */
    public ObservableList<Row> findings() {
        return findings;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning;
    }

    /** Entries read so far by the running scan (or by the last one). */
    public ReadOnlyLongProperty readProperty() {
        return read;
    }
}
