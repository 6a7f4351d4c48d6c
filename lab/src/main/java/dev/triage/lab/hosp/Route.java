package dev.triage.lab.hosp;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A resolved API path: which resource, its ids, and the methods it allows. The .json suffix is accepted. */
record Route(Resource resource, long id, long subId) {
    enum Resource {
        HOSPITALS("GET, POST"),
        HOSPITAL("GET, PATCH, DELETE"),
        STAFFS("GET, POST"),
        STAFF("GET, PATCH, DELETE"),
        PATIENTS("GET, POST"),
        PATIENT("GET"),
        NOTES("GET, POST"),
        NOTE("GET"),
        PATIENT_IMAGES("POST"),
        IMAGE("GET");

        private final String allow;
        private final Set<String> methods;

        Resource(String allow) {
            this.allow = allow;
            this.methods = Set.of(allow.split(", "));
        }

        String allow() {
            return allow;
        }

        boolean allows(String method) {
            return methods.contains(method);
        }
    }

    static Optional<Route> resolve(String path) {
        String clean = path.endsWith(".json") ? path.substring(0, path.length() - 5) : path;
        if (clean.length() > 1 && clean.endsWith("/")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        if (!clean.startsWith("/")) {
            return Optional.empty();
        }
        List<String> parts = List.of(clean.substring(1).split("/", -1));
        return switch (parts.size()) {
            case 1 -> collection(parts.getFirst());
            case 2 -> item(parts.get(0), parts.get(1));
            case 3 -> child(parts.get(0), parts.get(1), parts.get(2));
            case 4 ->
                parts.get(0).equals("patients") && parts.get(2).equals("notes")
                        ? ids(parts.get(1), parts.get(3)).map(ids -> new Route(Resource.NOTE, ids[0], ids[1]))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<Route> collection(String name) {
        return switch (name) {
            case "hospitals" -> Optional.of(new Route(Resource.HOSPITALS, 0, 0));
            case "staffs" -> Optional.of(new Route(Resource.STAFFS, 0, 0));
            case "patients" -> Optional.of(new Route(Resource.PATIENTS, 0, 0));
            default -> Optional.empty();
        };
    }

    private static Optional<Route> item(String name, String id) {
        Resource resource = switch (name) {
            case "hospitals" -> Resource.HOSPITAL;
            case "staffs" -> Resource.STAFF;
            case "patients" -> Resource.PATIENT;
            case "images" -> Resource.IMAGE;
            default -> null;
        };
        return resource == null ? Optional.empty() : parseId(id).map(value -> new Route(resource, value, 0));
    }

    private static Optional<Route> child(String name, String id, String child) {
        if (!name.equals("patients")) {
            return Optional.empty();
        }
        Resource resource = switch (child) {
            case "notes" -> Resource.NOTES;
            case "images" -> Resource.PATIENT_IMAGES;
            default -> null;
        };
        return resource == null ? Optional.empty() : parseId(id).map(value -> new Route(resource, value, 0));
    }

    private static Optional<long[]> ids(String first, String second) {
        Optional<Long> a = parseId(first);
        Optional<Long> b = parseId(second);
        return a.isPresent() && b.isPresent() ? Optional.of(new long[] {a.get(), b.get()}) : Optional.empty();
    }

    private static Optional<Long> parseId(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        long id = Long.parseLong(text);
        return id > 0 ? Optional.of(id) : Optional.empty();
    }
}
