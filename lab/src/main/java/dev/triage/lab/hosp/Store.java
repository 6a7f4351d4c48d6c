package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** HOSP's data: thread-safe tables, a username index for Basic auth, notes per patient. */
final class Store {
    final Table<Hospital> hospitals = new Table<>();
    final Table<Staff> staffs = new Table<>();
    final Table<Patient> patients = new Table<>();
    final Table<Image> images = new Table<>();

    private final AtomicLong noteIds = new AtomicLong();
    private final ConcurrentHashMap<Long, ConcurrentSkipListMap<Long, Note>> notesByPatient = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Staff> staffByUsername = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LongSupplier ticker;
    private final long imageProcessingNanos;

    Store(Clock clock, LongSupplier ticker, long imageProcessingNanos) {
        this.clock = requireNonNull(clock, "clock");
        this.ticker = requireNonNull(ticker, "ticker");
        this.imageProcessingNanos = imageProcessingNanos;
    }

    String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    long nanoTime() {
        return ticker.getAsLong();
    }

    Optional<Staff> authenticate(String username, String password) {
        Staff staff = staffByUsername.get(username);
        // Compare even for an unknown user, so timing does not tell which usernames exist.
        byte[] expected = (staff == null ? "\u0000unknown" : staff.password()).getBytes(StandardCharsets.UTF_8);
        boolean match = MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8));
        return match && staff != null ? Optional.of(staff) : Optional.empty();
    }

    /** Adds a staff member; empty when the username is taken. */
    synchronized Optional<Staff> addStaff(StaffDraft draft, String at) {
        if (staffByUsername.containsKey(draft.username())) {
            return Optional.empty();
        }
        Staff staff = staffs.insert(id -> new Staff(
                id,
                draft.hospitalId(),
                draft.name(),
                draft.username(),
                draft.password(),
                draft.role(),
                draft.email(),
                at,
                at));
        staffByUsername.put(staff.username(), staff);
        return Optional.of(staff);
    }

    /** Changes a staff member; throws {@link ApiError} 409 when the new username is taken. */
    synchronized Optional<Staff> updateStaff(long id, UnaryOperator<Staff> change) {
        Optional<Staff> before = staffs.get(id);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        Staff after = change.apply(before.get());
        if (!after.username().equals(before.get().username()) && staffByUsername.containsKey(after.username())) {
            throw new ApiError(409, "username: \"" + after.username() + "\" is taken");
        }
        staffs.update(id, row -> after);
        staffByUsername.remove(before.get().username());
        staffByUsername.put(after.username(), after);
        return Optional.of(after);
    }

    synchronized Optional<Staff> deleteStaff(long id) {
        Optional<Staff> removed = staffs.delete(id);
        removed.ifPresent(staff -> staffByUsername.remove(staff.username()));
        return removed;
    }

    Note addNote(long patientId, long authorId, String text, String at) {
        Note note = new Note(noteIds.incrementAndGet(), patientId, authorId, text, at, at);
        notesByPatient
                .computeIfAbsent(patientId, key -> new ConcurrentSkipListMap<>())
                .put(note.id(), note);
        return note;
    }

    List<Note> notes(long patientId, int offset, int limit) {
        ConcurrentSkipListMap<Long, Note> notes = notesByPatient.get(patientId);
        return notes == null
                ? List.of()
                : notes.values().stream().skip(offset).limit(limit).toList();
    }

    long noteCount(long patientId) {
        ConcurrentSkipListMap<Long, Note> notes = notesByPatient.get(patientId);
        return notes == null ? 0 : notes.size();
    }

    Optional<Note> note(long patientId, long noteId) {
        ConcurrentSkipListMap<Long, Note> notes = notesByPatient.get(patientId);
        return notes == null ? Optional.empty() : Optional.ofNullable(notes.get(noteId));
    }

    long noteTotal() {
        return noteIds.get();
    }

    Image addImage(ImageDraft draft, String at) {
        long readyAt = ticker.getAsLong() + imageProcessingNanos;
        String readyAtText = Instant.parse(at)
                .plusNanos(imageProcessingNanos)
                .truncatedTo(ChronoUnit.MILLIS)
                .toString();
        return images.insert(id -> new Image(
                id,
                draft.patientId(),
                draft.uploadedBy(),
                draft.filename(),
                draft.contentType(),
                draft.sizeBytes(),
                readyAt,
                Analysis.findings(id, draft.sizeBytes()),
                Analysis.confidence(id, draft.sizeBytes()),
                at,
                readyAtText));
    }

    record StaffDraft(long hospitalId, String name, String username, String password, Role role, String email) {}

    record ImageDraft(long patientId, long uploadedBy, String filename, String contentType, long sizeBytes) {}
}
