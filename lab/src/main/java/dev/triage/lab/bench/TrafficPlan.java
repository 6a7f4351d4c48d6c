package dev.triage.lab.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A repeatable mix of staff traffic: reads over all resources with a popularity skew, and about 10%
 * writes (notes, hospital updates, images), the same for a given seed.
 */
final class TrafficPlan {

    static final double WRITE_SHARE = 0.10;

    private TrafficPlan() {}

    /** What the traffic may touch and who sends it. */
    record Population(int patients, int hospitals, int staffs, List<Login> clinicians, List<Login> admins) {
        Population {
            clinicians = List.copyOf(clinicians);
            admins = List.copyOf(admins);
            if (clinicians.isEmpty() || admins.isEmpty()) {
                throw new IllegalArgumentException("population needs at least one clinician and one admin login");
            }
        }
    }

    record Login(String user, String password) {
        String basic() {
            return "Basic "
                    + Base64.getEncoder().encodeToString((user + ':' + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    static List<Operation> generate(long seed, int count, Population population) {
        SplittableRandom random = new SplittableRandom(seed);
        Zipf patients = new Zipf(population.patients(), 1.0);
        Zipf staffs = new Zipf(population.staffs(), 0.8);
        List<Operation> operations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String requestId = "lab-" + Long.toHexString(seed) + "-" + i;
            String clinician = population
                    .clinicians()
                    .get(random.nextInt(population.clinicians().size()))
                    .basic();
            operations.add(
                    random.nextDouble() < WRITE_SHARE
                            ? write(random, population, patients, clinician, requestId)
                            : read(random, population, patients, staffs, clinician, requestId));
        }
        return operations;
    }

    private static Operation read(
            SplittableRandom random, Population population, Zipf patients, Zipf staffs, String auth, String requestId) {
        double pick = random.nextDouble();
        String suffix = random.nextInt(5) == 0 ? ".json" : "";
        String path;
        if (pick < 0.40) {
            path = "/patients/" + patients.next(random) + suffix;
        } else if (pick < 0.70) {
            path = "/patients/" + patients.next(random) + "/notes" + suffix;
        } else if (pick < 0.82) {
            path = "/hospitals/" + (1 + random.nextInt(population.hospitals())) + suffix;
        } else if (pick < 0.87) {
            path = "/hospitals" + suffix;
        } else {
            path = "/staffs/" + staffs.next(random) + suffix;
        }
        return new Operation(Operation.Kind.READ, "GET", path, null, auth, requestId);
    }

    private static Operation write(
            SplittableRandom random, Population population, Zipf patients, String auth, String requestId) {
        double pick = random.nextDouble();
        int patient = patients.next(random);
        if (pick < 0.75) {
            String body = "{\"text\":\"Check-up " + requestId + ": weight stable, vaccinations due.\"}";
            return new Operation(
                    Operation.Kind.WRITE, "POST", "/patients/" + patient + "/notes", body, auth, requestId);
        }
        if (pick < 0.90) {
            String admin = population
                    .admins()
                    .get(random.nextInt(population.admins().size()))
                    .basic();
            int hospital = 1 + random.nextInt(population.hospitals());
            String body = "{\"phone\":\"+1-555-" + (1000 + random.nextInt(9000)) + "\"}";
            return new Operation(Operation.Kind.WRITE, "PATCH", "/hospitals/" + hospital, body, admin, requestId);
        }
        String body = "{\"filename\":\"xray-" + requestId + ".png\",\"content_type\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(("png-bytes-" + requestId).getBytes(StandardCharsets.UTF_8))
                + "\"}";
        return new Operation(Operation.Kind.WRITE, "POST", "/patients/" + patient + "/images", body, auth, requestId);
    }
}
