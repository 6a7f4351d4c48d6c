package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** HOSP's resources: what each route does once the caller is authenticated and allowed. */
final class Resources {
    private static final List<String> HOSPITAL_FIELDS = List.of("name", "address", "phone");
    private static final List<String> STAFF_FIELDS =
            List.of("hospital_id", "name", "username", "password", "role", "email");
    private static final List<String> PATIENT_FIELDS = List.of("hospital_id", "name", "species", "breed", "owner_name");
    private static final List<String> NOTE_FIELDS = List.of("text");
    private static final List<String> IMAGE_FIELDS = List.of("filename", "content_type", "data");

    private final Store store;

    Resources(Store store) {
        this.store = requireNonNull(store, "store");
    }

    ApiResponse handle(Route route, ApiRequest request, Staff caller) {
        long id = route.id();
        return switch (route.resource()) {
            case HOSPITALS ->
                request.method().equals("GET")
                        ? list(store.hospitals, Paging.parse(request.query()), h -> true, Hospital::view)
                        : createHospital(request);
            case HOSPITAL ->
                switch (request.method()) {
                    case "GET" -> found(store.hospitals.get(id).map(Hospital::view), "hospital", id);
                    case "PATCH" -> patchHospital(id, request);
                    default -> deleted(store.hospitals.delete(id).isPresent(), "hospital", id);
                };
            case STAFFS ->
                request.method().equals("GET") ? listStaff(Paging.parse(request.query())) : createStaff(request);
            case STAFF ->
                switch (request.method()) {
                    case "GET" -> found(store.staffs.get(id).map(Staff::view), "staff", id);
                    case "PATCH" -> patchStaff(id, request);
                    default -> deleted(store.deleteStaff(id).isPresent(), "staff", id);
                };
            case PATIENTS ->
                request.method().equals("GET") ? listPatients(Paging.parse(request.query())) : createPatient(request);
            case PATIENT -> found(store.patients.get(id).map(Patient::view), "patient", id);
            case NOTES -> request.method().equals("GET") ? listNotes(id, request) : createNote(id, request, caller);
            case NOTE -> {
                patient(id);
                yield found(store.note(id, route.subId()).map(Note::view), "note", route.subId());
            }
            case PATIENT_IMAGES -> createImage(id, request, caller);
            case IMAGE -> found(store.images.get(id).map(image -> image.view(store.nanoTime())), "image", id);
        };
    }

    private ApiResponse createHospital(ApiRequest request) {
        JsonBody body = new JsonBody(request.body(), HOSPITAL_FIELDS);
        String name = body.requiredText("name");
        String address = body.text("address");
        String phone = body.text("phone");
        body.throwIfProblems();
        String at = store.now();
        Hospital hospital = store.hospitals.insert(id -> new Hospital(id, name, address, phone, at, at));
        return created(hospital.view());
    }

    private ApiResponse patchHospital(long id, ApiRequest request) {
        JsonBody body = new JsonBody(request.body(), HOSPITAL_FIELDS);
        String name = body.text("name");
        String address = body.text("address");
        String phone = body.text("phone");
        requireSomeField(body, HOSPITAL_FIELDS);
        body.throwIfProblems();
        String at = store.now();
        return changed(
                store.hospitals.update(
                        id,
                        h -> new Hospital(
                                h.id(),
                                name == null ? h.name() : name,
                                address == null ? h.address() : address,
                                phone == null ? h.phone() : phone,
                                h.createdAt(),
                                at)),
                Hospital::view,
                "hospital",
                id);
    }

    private ApiResponse listStaff(Paging paging) {
        return list(
                store.staffs,
                paging,
                s -> paging.hospitalId() == 0 || s.hospitalId() == paging.hospitalId(),
                Staff::view);
    }

    private ApiResponse createStaff(ApiRequest request) {
        JsonBody body = new JsonBody(request.body(), STAFF_FIELDS);
        Long hospitalId = body.requiredId("hospital_id");
        String name = body.requiredText("name");
        String username = body.requiredText("username");
        String password = body.requiredText("password");
        Role role = role(body, body.requiredText("role"));
        String email = body.text("email");
        if (hospitalId != null && store.hospitals.get(hospitalId).isEmpty()) {
            body.problem("hospital_id: " + hospitalId + " (expected: an existing hospital)");
        }
        body.throwIfProblems();
        Staff staff = store.addStaff(
                        new Store.StaffDraft(hospitalId, name, username, password, role, email), store.now())
                .orElseThrow(() -> new ApiError(409, "username: \"" + username + "\" is taken"));
        return created(staff.view());
    }

    private ApiResponse patchStaff(long id, ApiRequest request) {
        JsonBody body = new JsonBody(request.body(), STAFF_FIELDS);
        Long hospitalId = body.id("hospital_id");
        String name = body.text("name");
        String username = body.text("username");
        String password = body.text("password");
        String roleText = body.text("role");
        Role role = roleText == null ? null : role(body, roleText);
        String email = body.text("email");
        if (hospitalId != null && store.hospitals.get(hospitalId).isEmpty()) {
            body.problem("hospital_id: " + hospitalId + " (expected: an existing hospital)");
        }
        requireSomeField(body, STAFF_FIELDS);
        body.throwIfProblems();
        String at = store.now();
        return changed(
                store.updateStaff(
                        id,
                        s -> new Staff(
                                s.id(),
                                hospitalId == null ? s.hospitalId() : hospitalId,
                                name == null ? s.name() : name,
                                username == null ? s.username() : username,
                                password == null ? s.password() : password,
                                role == null ? s.role() : role,
                                email == null ? s.email() : email,
                                s.createdAt(),
                                at)),
                Staff::view,
                "staff",
                id);
    }

    private ApiResponse listPatients(Paging paging) {
        return list(
                store.patients,
                paging,
                p -> paging.hospitalId() == 0 || p.hospitalId() == paging.hospitalId(),
                Patient::view);
    }

    private ApiResponse createPatient(ApiRequest request) {
        JsonBody body = new JsonBody(request.body(), PATIENT_FIELDS);
        Long hospitalId = body.requiredId("hospital_id");
        String name = body.requiredText("name");
        String species = body.requiredText("species");
        String breed = body.text("breed");
        String owner = body.text("owner_name");
        if (hospitalId != null && store.hospitals.get(hospitalId).isEmpty()) {
            body.problem("hospital_id: " + hospitalId + " (expected: an existing hospital)");
        }
        body.throwIfProblems();
        String at = store.now();
        Patient patient = store.patients.insert(
                id -> new Patient(id, hospitalId, name, species.toLowerCase(Locale.ROOT), breed, owner, at, at));
        return created(patient.view());
    }

    private ApiResponse listNotes(long patientId, ApiRequest request) {
        patient(patientId);
        Paging paging = Paging.parse(request.query());
        List<Map<String, Object>> views = store.notes(patientId, paging.offset(), paging.limit()).stream()
                .map(Note::view)
                .toList();
        return ApiResponse.json(200, views).withHeader("X-Total-Count", Long.toString(store.noteCount(patientId)));
    }

    private ApiResponse createNote(long patientId, ApiRequest request, Staff author) {
        patient(patientId);
        JsonBody body = new JsonBody(request.body(), NOTE_FIELDS);
        String text = body.requiredText("text");
        body.throwIfProblems();
        Note note = store.addNote(patientId, author.id(), text, store.now());
        return created(note.view());
    }

    private ApiResponse createImage(long patientId, ApiRequest request, Staff uploader) {
        patient(patientId);
        String contentType =
                request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        String filename;
        String imageType;
        long size;
        if (contentType.startsWith("application/json")) {
            JsonBody body = new JsonBody(request.body(), IMAGE_FIELDS);
            filename = body.requiredText("filename");
            String declared = body.text("content_type");
            String data = body.text("data");
            body.throwIfProblems();
            imageType = declared == null ? "image/jpeg" : declared;
            size = data == null ? 0 : data.length() * 3L / 4;
        } else if (contentType.startsWith("image/") || contentType.startsWith("application/octet-stream")) {
            if (request.body().length == 0) {
                throw new ApiError(400, "request body: empty (expected: image bytes)");
            }
            filename = "upload.bin";
            imageType = contentType.split(";")[0].strip();
            size = request.body().length;
        } else {
            throw new ApiError(
                    400,
                    "Content-Type: \"" + contentType
                            + "\" (expected: application/json, image/* or application/octet-stream)");
        }
        Image image =
                store.addImage(new Store.ImageDraft(patientId, uploader.id(), filename, imageType, size), store.now());
        return ApiResponse.json(202, image.view(store.nanoTime()))
                .withHeader("Location", "/images/" + image.id())
                .asCommitted();
    }

    private Patient patient(long id) {
        return store.patients.get(id).orElseThrow(() -> new ApiError(404, "patient " + id + " not found"));
    }

    private static Role role(JsonBody body, String text) {
        if (text == null) {
            return null;
        }
        return Role.parse(text).orElseGet(() -> {
            body.problem("role: \"" + text + "\" (expected: doctor, nurse, admin or receptionist)");
            return null;
        });
    }

    private static void requireSomeField(JsonBody body, List<String> fields) {
        if (body.isEmpty()) {
            body.problem("request body: no field to change (expected one of: " + String.join(", ", fields) + ")");
        }
    }

    private static <T> ApiResponse list(
            Table<T> table,
            Paging paging,
            java.util.function.Predicate<T> filter,
            Function<T, Map<String, Object>> view) {
        List<Map<String, Object>> views = table.page(filter, paging.offset(), paging.limit()).stream()
                .map(view)
                .toList();
        return ApiResponse.json(200, views).withHeader("X-Total-Count", Long.toString(table.count(filter)));
    }

    private static ApiResponse found(java.util.Optional<Map<String, Object>> view, String kind, long id) {
        return view.map(v -> ApiResponse.json(200, v))
                .orElseThrow(() -> new ApiError(404, kind + " " + id + " not found"));
    }

    private static <T> ApiResponse changed(
            java.util.Optional<T> row, Function<T, Map<String, Object>> view, String kind, long id) {
        return row.map(r -> ApiResponse.json(200, view.apply(r)).asCommitted())
                .orElseThrow(() -> new ApiError(404, kind + " " + id + " not found"));
    }

    private static ApiResponse created(Map<String, Object> view) {
        return ApiResponse.json(201, view)
                .withHeader("Location", (String) view.get("url"))
                .asCommitted();
    }

    private static ApiResponse deleted(boolean removed, String kind, long id) {
        if (!removed) {
            throw new ApiError(404, kind + " " + id + " not found");
        }
        return new ApiResponse(204, ApiResponse.EMPTY, Map.of(), true);
    }
}
