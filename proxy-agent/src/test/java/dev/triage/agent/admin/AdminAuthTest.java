package dev.triage.agent.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.ConfigCodec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminAuthTest {

    private static AdminFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.start(AdminConfigs.forward("auth-1", AdminFixture.refusedPort()));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private record Endpoint(String method, String path) {}

    private static List<Endpoint> everyEndpoint() {
        List<Endpoint> endpoints = new ArrayList<>();
        AdminHandler.ENDPOINTS.forEach(
                (path, methods) -> methods.forEach(method -> endpoints.add(new Endpoint(method, path))));
        return endpoints;
    }

    @Test
    void theEndpointTableIsTheContract() {
        assertThat(everyEndpoint())
                .containsExactlyInAnyOrder(
                        new Endpoint("GET", "/admin/status"),
                        new Endpoint("GET", "/admin/config"),
                        new Endpoint("PUT", "/admin/config"),
                        new Endpoint("POST", "/admin/config/validate"),
                        new Endpoint("POST", "/admin/config/rollback"),
                        new Endpoint("GET", "/admin/stats"),
                        new Endpoint("GET", "/admin/events"),
                        new Endpoint("POST", "/admin/cache/purge"));
    }

    @Test
    void everyEndpointAnswers401WithoutTheTokenAndWithAWrongOne() throws Exception {
        String hashBefore = fixture.runningHash();
        String body = ConfigCodec.write(AdminConfigs.forward("intruder-1", 1));
        List<String> wrongAuthorizations = new ArrayList<>();
        wrongAuthorizations.add(null);
        wrongAuthorizations.add("Bearer wrong-token");
        wrongAuthorizations.add("Bearer " + AdminFixture.TOKEN + "x");
        wrongAuthorizations.add("Bearer " + AdminFixture.TOKEN.substring(1));
        wrongAuthorizations.add("Basic " + AdminFixture.TOKEN);
        wrongAuthorizations.add(AdminFixture.TOKEN);
        wrongAuthorizations.add("Bearer ");
        int checked = 0;
        for (Endpoint endpoint : everyEndpoint()) {
            for (String authorization : wrongAuthorizations) {
                HttpResponse<String> response = fixture.sendAs(
                        authorization,
                        endpoint.method(),
                        endpoint.path(),
                        endpoint.method().equals("GET") ? null : body,
                        "If-Match",
                        "\"" + hashBefore + "\"");

                assertThat(response.statusCode())
                        .as(endpoint + " with " + authorization)
                        .isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate"))
                        .as(endpoint.toString())
                        .contains("Bearer realm=\"triage-agent\"");
                assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(8 * wrongAuthorizations.size());
        assertThat(fixture.runningHash()).isEqualTo(hashBefore);
    }

    @Test
    void unknownPathsAndWrongMethodsAlsoNeedTheTokenFirst() throws Exception {
        for (Endpoint request : List.of(
                new Endpoint("GET", "/admin/nothing-here"),
                new Endpoint("DELETE", "/admin/config"),
                new Endpoint("GET", "/outside"))) {
            HttpResponse<String> response = fixture.sendAs(null, request.method(), request.path(), null);
            assertThat(response.statusCode()).as(request.toString()).isEqualTo(401);
            assertThat(fixture.send(request.method(), request.path(), null).statusCode())
                    .as(request + " with the token")
                    .isIn(404, 405);
        }
    }

    @Test
    void theRightTokenOpensEveryReadOnlyEndpoint() throws Exception {
        for (String path : List.of("/admin/status", "/admin/config", "/admin/stats")) {
            assertThat(fixture.send("GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(fixture.sendAs("bearer " + AdminFixture.TOKEN, "GET", "/admin/status", null)
                        .statusCode())
                .as("the scheme name is case-insensitive")
                .isEqualTo(200);
    }

    @Test
    void theTokenNeverShowsInItsStringForm() {
        assertThat(AdminToken.of(AdminFixture.TOKEN).toString()).doesNotContain(AdminFixture.TOKEN);
    }
}
