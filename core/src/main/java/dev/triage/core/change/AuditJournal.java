package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.CoreException;
import dev.triage.core.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only audit journal: one JSON object per line, each append forced to disk before
 * {@link #append} returns. Reading skips a line that does not parse (a torn last line after a
 * crash) and reports it in {@link Read#skipped()}.
 */
public final class AuditJournal {

    /** Forces a channel's writes to disk; tests inject one that counts. */
    @FunctionalInterface
    public interface Sync {
        void force(FileChannel channel) throws IOException;

        Sync FSYNC = channel -> channel.force(true);
    }

    /** The entries read back, and the lines skipped as unreadable (with their 1-based line numbers). */
    public record Read(List<JournalEntry> entries, List<String> skipped) {
        public Read {
            entries = List.copyOf(entries);
            skipped = List.copyOf(skipped);
        }
    }

    private final Path file;
    private final Sync sync;
    private final SecretDigests digests;
    private Set<String> secretHeaders;

    public AuditJournal(Path file) {
        this(file, Sync.FSYNC);
    }

    public AuditJournal(Path file, Sync sync) {
        this.file = requireNonNull(file, "file");
        this.sync = requireNonNull(sync, "sync");
        this.digests = SecretDigests.beside(file);
    }

    /** The keyed digests this journal writes secret values as (its key lives beside the file). */
    public SecretDigests digests() {
        return digests;
    }

    /**
     * Header names any entry so far marked secret: every later entry masks their values too, so a
     * plan that edits a rule guarded by the CDN header (not knowing it is a secret) writes no secret.
     */
    public synchronized Set<String> secretHeaders() {
        if (secretHeaders == null) {
            Set<String> names = new HashSet<>();
            read().entries().forEach(e -> names.addAll(e.secretHeaders()));
            secretHeaders = names;
        }
        return Set.copyOf(secretHeaders);
    }

    /** The masking of secret values for these header names (and those the journal knows). */
    Masking masking(Set<String> names) {
        Set<String> all = new HashSet<>(secretHeaders());
        all.addAll(names);
        return new Masking(all, digests);
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one line and forces it to disk. A torn tail left by a crash is closed off first. The
     * values of secret headers (the entry's and any the journal knows) are written as digests.
     */
    public synchronized void append(JournalEntry entry) {
        requireNonNull(entry, "entry");
        Masking masking = masking(entry.secretHeaders());
        JournalEntry masked = masking.mask(entry.withSecretHeaders(secretHeaders));
        byte[] line = (masked.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                boolean torn = endsTorn(channel);
                channel.position(channel.size());
                ByteBuffer buffer = ByteBuffer.wrap(torn ? prefixNewline(line) : line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                sync.force(channel);
            }
            secretHeaders.addAll(masked.secretHeaders());
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the audit journal " + file, e);
        }
    }

    /**
     * What {@link #scrub} found (and, unless a dry run, did).
     *
     * @param headers the header names treated as secret: the entries' own, those named in titles of require-header
     *     and header-value changes ("header X on listener ..."), and the ones the caller added
     * @param valuesReplaced clear secret values found (each occurrence in a line counts)
     * @param linesChanged lines that held at least one
     * @param unreadableLines lines that do not parse as an entry (scrubbed as text)
     * @param written whether the file was rewritten (false on a dry run or when nothing was found)
     */
    public record Scrub(
            Set<String> headers, int valuesReplaced, int linesChanged, int unreadableLines, boolean written) {
        public Scrub {
            headers = Set.copyOf(headers);
        }
    }

    private static final java.util.regex.Pattern HEADER_IN_TITLE =
            java.util.regex.Pattern.compile("header (\\S+) on listener ");

    /**
     * Rewrites a journal written before secrets were masked: every clear value of a secret header's condition becomes
     * its digest (the same {@link Masking} and {@link SecretDigests} {@link #append} uses), in resources and in text.
     * Lines without one are kept byte for byte. The new file is written beside the old, forced to disk, given mode
     * 0600 and renamed over it atomically; {@code write} false is a dry run that only counts. The values themselves
     * are never returned.
     */
    public synchronized Scrub scrub(Set<String> extraHeaders, boolean write) {
        requireNonNull(extraHeaders, "extraHeaders");
        if (!Files.exists(file)) {
            throw new CoreException.NotFound("audit journal", file.toString());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the audit journal " + file, e);
        }
        String[] lines = text.split("\n", -1);
        JournalEntry[] parsed = new JournalEntry[lines.length];
        Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(extraHeaders);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                parsed[i] = JournalEntry.fromJson(lines[i]);
                names.addAll(parsed[i].secretHeaders());
                var title = HEADER_IN_TITLE.matcher(parsed[i].title());
                while (title.find()) {
                    names.add(title.group(1));
                }
            } catch (RuntimeException e) {
                parsed[i] = null;
            }
        }
        Masking masking = new Masking(names, digests);
        List<List<dev.triage.core.domain.Resource>> all = new ArrayList<>();
        for (JournalEntry entry : parsed) {
            if (entry != null && entry.resources() != null) {
                JournalEntry.Resources r = entry.resources();
                all.addAll(List.of(r.before(), r.planned(), r.after(), r.inverse()));
            }
        }
        Set<String> values = masking.values(all);
        int replaced = 0;
        int changed = 0;
        int unreadable = 0;
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isBlank() && parsed[i] == null) {
                unreadable++;
            }
            int found = 0;
            for (String value : values) {
                for (int at = line.indexOf(value); at >= 0; at = line.indexOf(value, at + value.length())) {
                    found++;
                }
            }
            if (found > 0) {
                replaced += found;
                changed++;
                String masked = parsed[i] == null
                        ? line
                        : masking.mask(parsed[i].withSecretHeaders(names)).toJson();
                line = masking.scrub(masked, values); // what the entry's own resources did not name, as text
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        boolean written = write && changed > 0;
        if (written) {
            replaceAtomically(out.toString().getBytes(StandardCharsets.UTF_8));
            secretHeaders = null;
        }
        return new Scrub(names, replaced, changed, unreadable, written);
    }

    /** Temp file beside the journal, forced to disk, mode 0600, renamed over the journal, then the directory forced. */
    private void replaceAtomically(byte[] content) {
        try {
            AtomicFiles.replace(file, content, sync::force);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite the audit journal " + file, e);
        }
    }

    /** Every readable entry in order, and what was skipped. */
    public synchronized Read read() {
        if (!Files.exists(file)) {
            return new Read(List.of(), List.of());
        }
        List<String> lines;
        try {
            lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the audit journal " + file, e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(JournalEntry.fromJson(line));
            } catch (RuntimeException e) {
                skipped.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Read(entries, skipped);
    }

    /** Every readable entry, intents and finals, in the order written. */
    public List<JournalEntry> entries() {
        return read().entries();
    }

    /** The last entry written, if any. */
    public Optional<JournalEntry> last() {
        List<JournalEntry> entries = entries();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getLast());
    }

    /**
     * Intents with no final entry: applies the process did not live to finish (killed mid-apply).
     * The live state, not the journal, says what they changed.
     */
    public List<JournalEntry> incomplete() {
        List<JournalEntry> entries = entries();
        Set<String> finished = new HashSet<>();
        for (JournalEntry e : entries) {
            if (e.phase() == JournalEntry.Phase.FINAL) {
                finished.add(e.id());
            }
        }
        return entries.stream()
                .filter(e -> e.phase() == JournalEntry.Phase.INTENT && !finished.contains(e.id()))
                .toList();
    }

    /** The final entry with this id; NotFound if there is none. */
    public JournalEntry finalEntry(String id) {
        return entries().stream()
                .filter(e -> e.id().equals(id) && e.phase() == JournalEntry.Phase.FINAL)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new CoreException.NotFound("audit entry", id));
    }

    private static boolean endsTorn(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) != '\n';
    }

    private static byte[] prefixNewline(byte[] line) {
        byte[] out = new byte[line.length + 1];
        out[0] = '\n';
        System.arraycopy(line, 0, out, 1, line.length);
        return out;
    }
}
