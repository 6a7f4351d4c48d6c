package dev.triage.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InspectionTest {

    private static Inspection.Finding inPath(String path) {
        return Inspection.injection(DecodedText.of(path, false));
    }

    private static Inspection.Finding inQuery(String query) {
        return Inspection.injection(DecodedText.of(query, true));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/patients/1/../../etc/passwd",
                "/patients/1/%2e%2e/%2e%2e/etc/passwd",
                "/patients/1/%2E%2E%2Fsecret",
                "/files/%252e%252e%252fsecret",
                "/files/%c0%ae%c0%ae/secret",
                "/files/..%5c..%5cwindows",
                "/files/..;/admin",
                "/patients/7/..",
                "/images/a%00.png"
            })
    void traversalInAnyEncodingIsInjection(String path) {
        assertThat(inPath(path)).isNotNull();
        assertThat(inPath(path).category()).isEqualTo("traversal");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "name=x%27%20OR%201%3D1--",
                "name=x'+OR+'1'='1",
                "id=1+UNION+SELECT+password+FROM+staffs",
                "id=1%20union/**/select%201",
                "id=1;WAITFOR%20DELAY%20'0:0:5'",
                "id=sleep(5)"
            })
    void sqlShapesInTheQueryAreInjection(String query) {
        assertThat(inQuery(query)).isNotNull();
        assertThat(inQuery(query).category()).isEqualTo("sql");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "q=%3Cscript%3Ealert(1)%3C/script%3E",
                "next=javascript:alert(1)",
                "q=%3Cimg%20src=x%20onerror=alert(1)%3E",
                "q=%253Csvg%2Fonload%3Dalert(1)%253E"
            })
    void scriptShapesAreInjection(String query) {
        assertThat(inQuery(query)).isNotNull();
        assertThat(inQuery(query).category()).isEqualTo("script");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/patients",
                "/patients/7",
                "/patients/7.json",
                "/patients/7/notes",
                "/patients/12/images/scan-01.png",
                "/hospitals/3/staffs",
                "/images/5/analysis"
            })
    void staffPathsAreNotInjection(String path) {
        assertThat(inPath(path)).isNull();
        assertThat(Inspection.scannerPath(DecodedText.of(path, false))).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "name=O%27Brien",
                "name=O'Brien&page=2",
                "q=dog+ate+chocolate+and+grapes",
                "q=union+hospital",
                "from=2026-01-01&to=2026-02-01&sort=-date",
                "email=kim%40vet.example"
            })
    void staffQueriesAreNotInjection(String query) {
        assertThat(inQuery(query)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/.env",
                "/api/.env",
                "/.git/config",
                "/wp-admin/install.php",
                "/wp-login.php",
                "/phpmyadmin/",
                "/PHPMyAdmin/index.php",
                "/actuator/health",
                "/cgi-bin/test.cgi",
                "/%2egit/HEAD"
            })
    void scannerPathsAreRecognised(String path) {
        assertThat(Inspection.scannerPath(DecodedText.of(path, false))).isNotNull();
    }

    @Test
    void onlyTheFirstCharactersUpToTheBoundAreRead() {
        DecodedText text = DecodedText.of("/*".repeat(50_000), true);
        assertThat(text.length()).isLessThanOrEqualTo(DecodedText.MAX_CHARS);
        assertThat(Inspection.injection(text)).isNull();
        String padded = "a".repeat(DecodedText.MAX_CHARS) + "'+OR+1=1";
        assertThat(inQuery(padded)).isNull();
    }
}
