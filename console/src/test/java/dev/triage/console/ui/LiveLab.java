package dev.triage.console.ui;

import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.up.LabTopology;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** The whole lab on free loopback ports for a UI test, HOSP's faults off, time compressed. */
final class LiveLab {

    static final String DOCTOR = "Basic "
            + Base64.getEncoder().encodeToString("dr.alvarez:dr.alvarez-pass".getBytes(StandardCharsets.UTF_8));

    private LiveLab() {}

    static LabTopology start() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int base = freePortBase();
            try {
                return LabTopology.start(new LabTopology.Options(base + 30, base, 0.01, 7, FailureProfile.none()));
            } catch (java.net.BindException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Sends {@code count} staff reads through the load balancer, at most 16 at a time; returns their
     * statuses. With time compressed a busy machine can push a legacy read past its deadline (504):
     * tests count where requests went, not how HOSP answered.
     */
    static List<Integer> send(LabTopology lab, int count) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                URI uri = lab.loadBalancer().resolve("/hospitals/" + (1 + i % 5));
                calls.add(client.sendAsync(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(60))
                                        .header("Authorization", DOCTOR)
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode)
                        .whenComplete((r, f) -> inFlight.release()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> call : calls) {
                statuses.add(call.get());
            }
            return statuses;
        }
    }

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
        throw new IOException("no free range of ports");
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
}
