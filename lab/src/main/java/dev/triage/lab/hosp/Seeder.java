package dev.triage.lab.hosp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeds HOSP deterministically from the seed: 5 hospitals, 40 staff (the first four are the documented
 * accounts), 300 patients with 1 to 5 notes each. Every seeded password is the username followed by "-pass".
 */
final class Seeder {
    static final int HOSPITALS = 5;
    static final int STAFF = 40;
    static final int PATIENTS = 300;
    static final String PASSWORD_SUFFIX = StaffLogin.PASSWORD_SUFFIX;

    private static final Instant EPOCH = Instant.parse("2023-01-01T08:00:00Z");
    private static final List<String> CITIES =
            List.of("Lisbon", "Porto", "Braga", "Coimbra", "Faro", "Aveiro", "Evora", "Setubal");
    private static final List<String> FIRST_NAMES = List.of(
            "Ana", "Bruno", "Carla", "Diego", "Eva", "Filipe", "Greta", "Hugo", "Ines", "Joao", "Karin", "Luis",
            "Marta", "Nuno", "Olga", "Pedro", "Rita", "Sara", "Tiago", "Vera");
    private static final List<String> LAST_NAMES = List.of(
            "Costa",
            "Ferreira",
            "Gomes",
            "Lopes",
            "Martins",
            "Nakamura",
            "Oliveira",
            "Pereira",
            "Quinn",
            "Ribeiro",
            "Santos",
            "Teixeira",
            "Usman",
            "Vieira",
            "Weber",
            "Xavier",
            "Young",
            "Zhou");
    private static final List<String> PET_NAMES = List.of(
            "Bella", "Max", "Luna", "Charlie", "Milo", "Coco", "Rocky", "Nala", "Simba", "Toby", "Daisy", "Oscar",
            "Kiwi", "Pepper", "Ziggy", "Mochi", "Biscuit", "Shadow", "Ginger", "Loki");
    private static final List<List<String>> SPECIES = List.of(
            List.of("dog", "Labrador", "Beagle", "Poodle", "Border Collie", "mixed"),
            List.of("cat", "Siamese", "Maine Coon", "Persian", "domestic shorthair"),
            List.of("rabbit", "Holland Lop", "Rex"),
            List.of("horse", "Lusitano", "Arabian"),
            List.of("bird", "Cockatiel", "African Grey"));
    private static final List<String> NOTE_TEMPLATES = List.of(
            "Routine check-up, weight stable, vaccinations up to date.",
            "Presented with vomiting since yesterday; fluids started, bloods sent.",
            "Post-operative review: wound clean, sutures intact.",
            "Limping on the left hind leg; radiographs requested.",
            "Owner reports reduced appetite; prescribed a diet change, review in one week.",
            "Dental cleaning done under sedation; two extractions.",
            "Emergency admission after road accident; stabilised, on pain relief.",
            "Skin irritation; started topical treatment.");

    private Seeder() {}

    /** The four accounts the documentation names, one per role, all at hospital 1. */
    static List<Store.StaffDraft> documentedAccounts() {
        return StaffLogin.DOCUMENTED.stream()
                .map(login -> account(login.name(), login.username(), login.toRole()))
                .toList();
    }

    static void seed(Store store, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_5EEDL);
        for (int i = 1; i <= HOSPITALS; i++) {
            String city = CITIES.get((i - 1) % CITIES.size());
            String at = at(random, 0);
            String name = city + " Veterinary Hospital";
            String address = (10 + random.nextInt(290)) + " Rua " + pick(random, LAST_NAMES) + ", " + city;
            String phone =
                    String.format(Locale.ROOT, "+351 2%02d %03d %03d", i, random.nextInt(1000), random.nextInt(1000));
            store.hospitals.insert(id -> new Hospital(id, name, address, phone, at, at));
        }
        for (Store.StaffDraft account : documentedAccounts()) {
            store.addStaff(account, at(random, 1));
        }
        Role[] cycle = {Role.DOCTOR, Role.NURSE, Role.NURSE, Role.DOCTOR, Role.RECEPTIONIST, Role.NURSE, Role.ADMIN};
        List<Long> clinicians = new ArrayList<>(List.of(1L, 2L));
        for (int i = 5; i <= STAFF; i++) {
            Role role = cycle[i % cycle.length];
            String first = pick(random, FIRST_NAMES);
            String last = pick(random, LAST_NAMES);
            String username = prefix(role) + "." + last.toLowerCase(Locale.ROOT) + i;
            long hospitalId = 1 + random.nextInt(HOSPITALS);
            store.addStaff(
                            new Store.StaffDraft(
                                    hospitalId,
                                    first + " " + last,
                                    username,
                                    username + PASSWORD_SUFFIX,
                                    role,
                                    username + "@hosp.example"),
                            at(random, 2))
                    .filter(staff -> staff.role() == Role.DOCTOR || staff.role() == Role.NURSE)
                    .ifPresent(staff -> clinicians.add(staff.id()));
        }
        for (int i = 1; i <= PATIENTS; i++) {
            List<String> species = SPECIES.get(random.nextInt(SPECIES.size()));
            String name = pick(random, PET_NAMES);
            String breed = species.get(1 + random.nextInt(species.size() - 1));
            String owner = pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
            long hospitalId = 1 + random.nextInt(HOSPITALS);
            String at = at(random, 3);
            Patient patient = store.patients.insert(
                    id -> new Patient(id, hospitalId, name, species.getFirst(), breed, owner, at, at));
            int notes = 1 + random.nextInt(5);
            for (int n = 0; n < notes; n++) {
                store.addNote(
                        patient.id(),
                        clinicians.get(random.nextInt(clinicians.size())),
                        pick(random, NOTE_TEMPLATES),
                        at(random, 4 + n));
            }
        }
    }

    private static Store.StaffDraft account(String name, String username, Role role) {
        return new Store.StaffDraft(1, name, username, username + PASSWORD_SUFFIX, role, username + "@hosp.example");
    }

    private static String prefix(Role role) {
        return switch (role) {
            case DOCTOR -> "dr";
            case NURSE -> "nurse";
            case ADMIN -> "admin";
            case RECEPTIONIST -> "reception";
        };
    }

    private static String at(SplittableRandom random, int phase) {
        return EPOCH.plusSeconds(phase * 30L * 86_400 + random.nextInt(30 * 86_400))
                .toString();
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
