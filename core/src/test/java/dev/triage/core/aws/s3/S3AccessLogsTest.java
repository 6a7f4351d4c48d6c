package dev.triage.core.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.aws.s3.S3AccessLogs.Location;
import dev.triage.core.domain.CoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class S3AccessLogsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String LB_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:" + ACCOUNT + ":loadbalancer/app/shop/50dc6c495c0c9188";
    private static final String LB = "app/shop/50dc6c495c0c9188";
    private static final String OTHER_LB = "app/admin/0123456789abcdef";
    private static final String BUCKET = "shop-alb-logs";
    private static final Instant T0 = Instant.parse("2026-03-01T23:40:00Z");
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FOLDER =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter END =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final FakeS3 aws = new FakeS3();
    private final List<String> badLines = new ArrayList<>();
    private Optional<Location> location = Optional.of(new Location(BUCKET, "prod/alb"));
    private final S3AccessLogs logs = new S3AccessLogs(
            aws,
            arn -> {
                assertThat(arn).isEqualTo(LB_ARN);
                return location;
            },
            (key, bad) -> badLines.add(key + ":" + bad.lineNumber()));

    /** Files of 5-minute intervals ending 23:45 .. 00:20, each with requests 270 s, 150 s and 30 s before its end. */
    private void seedAcrossMidnight(String prefix) {
        aws.createBucket(BUCKET);
        for (int i = 1; i <= 8; i++) {
            Instant end = T0.plus(Duration.ofMinutes(5L * i));
            put(
                    prefix,
                    LB,
                    end,
                    "10.0.0.5",
                    line(end.minusSeconds(270), LB, "/a"),
                    line(end.minusSeconds(150), LB, "/b"),
                    line(end.minusSeconds(30), LB, "/c"));
            put(prefix, OTHER_LB, end, "10.0.0.6", line(end.minusSeconds(100), OTHER_LB, "/admin"));
        }
    }

    @Test
    void readsTheLoadBalancersGzipFilesAcrossMidnightKeepingOnlyEntriesInRange() {
        seedAcrossMidnight("prod/alb/");
        Instant from = Instant.parse("2026-03-01T23:52:00Z");
        Instant to = Instant.parse("2026-03-02T00:08:00Z");

        List<AlbLogEntry> entries;
        try (Stream<AlbLogEntry> stream = logs.entries(LB_ARN, from, to)) {
            entries = stream.toList();
        }

        assertThat(entries).allSatisfy(e -> {
            assertThat(e.loadBalancer()).isEqualTo(LB);
            assertThat(e.time()).isBetween(from, to.minusNanos(1));
        });
        assertThat(entries)
                .extracting(e -> e.time().toString())
                .containsExactly(
                        "2026-03-01T23:52:30Z",
                        "2026-03-01T23:54:30Z",
                        "2026-03-01T23:55:30Z",
                        "2026-03-01T23:57:30Z",
                        "2026-03-01T23:59:30Z",
                        "2026-03-02T00:00:30Z",
                        "2026-03-02T00:02:30Z",
                        "2026-03-02T00:04:30Z",
                        "2026-03-02T00:05:30Z",
                        "2026-03-02T00:07:30Z");
        assertThat(aws.gets)
                .extracting(k -> k.substring(k.indexOf("_app.") + 5))
                .containsExactly(
                        "shop.50dc6c495c0c9188_20260301T2355Z_10.0.0.5_f1.log.gz",
                        "shop.50dc6c495c0c9188_20260302T0000Z_10.0.0.5_f1.log.gz",
                        "shop.50dc6c495c0c9188_20260302T0005Z_10.0.0.5_f1.log.gz",
                        "shop.50dc6c495c0c9188_20260302T0010Z_10.0.0.5_f1.log.gz",
                        "shop.50dc6c495c0c9188_20260302T0015Z_10.0.0.5_f1.log.gz");
        assertThat(aws.lists)
                .extracting(r -> r.prefix())
                .containsExactly(
                        "prod/alb/AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/03/01/"
                                + "123456789012_elasticloadbalancing_eu-west-1_app.shop.50dc6c495c0c9188_",
                        "prod/alb/AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/03/02/"
                                + "123456789012_elasticloadbalancing_eu-west-1_app.shop.50dc6c495c0c9188_");
        assertThat(aws.closed).isEqualTo(5);
        assertThat(badLines).isEmpty();
    }

    @Test
    void anEmptyPrefixMeansTheLogsLieUnderAwsLogs() {
        location = Optional.of(new Location(BUCKET, ""));
        seedAcrossMidnight("");

        try (Stream<AlbLogEntry> stream = logs.entries(LB_ARN, T0, T0.plus(Duration.ofMinutes(10)))) {
            assertThat(stream.count()).isEqualTo(6);
        }
        assertThat(aws.lists.getFirst().prefix())
                .startsWith("AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/03/01/");
    }

    @Test
    void followsListingPages() {
        seedAcrossMidnight("prod/alb/");
        aws.pageCap = 2;

        try (Stream<AlbLogEntry> stream = logs.entries(LB_ARN, T0, T0.plus(Duration.ofMinutes(40)))) {
            assertThat(stream.count()).isEqualTo(24);
        }
        assertThat(aws.lists.size()).isGreaterThan(3);
        assertThat(aws.lists).allSatisfy(r -> assertThat(r.maxKeys()).isNull());
    }

    @Test
    void readsLazilyAndClosingTheStreamAbortsTheOpenObject() {
        seedAcrossMidnight("prod/alb/");

        Stream<AlbLogEntry> stream = logs.entries(LB_ARN, T0, T0.plus(Duration.ofMinutes(40)));
        assertThat(aws.lists).isEmpty();
        assertThat(aws.gets).isEmpty();
        Iterator<AlbLogEntry> it = stream.iterator();
        assertThat(it.next().time()).isEqualTo(T0.plusSeconds(30));
        assertThat(aws.gets).hasSize(1);
        assertThat(aws.lists).hasSize(1);
        stream.close();

        assertThat(aws.aborted).isEqualTo(1);
        assertThat(aws.closed).isPositive();
    }

    @Test
    void loggingTurnedOffIsNotFoundNamingTheLoadBalancer() {
        location = Optional.empty();

        assertThatThrownBy(() -> logs.entries(LB_ARN, T0, T0.plusSeconds(60)))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageContaining(LB_ARN)
                .hasMessageContaining("access_logs.s3.enabled");
    }

    @Test
    void aMalformedLineIsSkippedAndReportedWithItsObject() {
        aws.createBucket(BUCKET);
        Instant end = T0.plus(Duration.ofMinutes(5));
        String key = put(
                "prod/alb/",
                LB,
                end,
                "10.0.0.5",
                line(end.minusSeconds(200), LB, "/a"),
                "this is not an ALB log line",
                line(end.minusSeconds(100), LB, "/b"));

        try (Stream<AlbLogEntry> stream = logs.entries(LB_ARN, T0, end)) {
            assertThat(stream.map(AlbLogEntry::path)).containsExactly("/a", "/b");
        }
        assertThat(badLines).containsExactly(key + ":2");
    }

    @Test
    void aConnectionLostWhileStreamingIsUnavailableNamingTheObject() {
        aws.createBucket(BUCKET);
        Instant end = T0.plus(Duration.ofMinutes(5));
        String[] many = new String[400];
        for (int i = 0; i < many.length; i++) {
            many[i] = line(end.minusSeconds(200).plusMillis(i), LB, "/item/" + i + "/" + "x".repeat(i % 50));
        }
        String key = put("prod/alb/", LB, end, "10.0.0.5", many);
        aws.breakAfter.put(key, 2_000);

        try (Stream<AlbLogEntry> stream = logs.entries(LB_ARN, T0, end)) {
            assertThatThrownBy(stream::toList)
                    .isInstanceOf(CoreException.Unavailable.class)
                    .hasMessageContaining("s3://" + BUCKET + "/" + key)
                    .hasMessageContaining("Connection reset");
        }
    }

    @Test
    void aMissingBucketIsNotFoundAndAForbiddenOneDenied() {
        assertThatThrownBy(() -> logs.entries(LB_ARN, T0, T0.plusSeconds(60)).toList())
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageStartingWith("S3 bucket " + BUCKET + " (")
                .hasMessageContaining("access_logs.s3.bucket");
        aws.createBucket(BUCKET);
        aws.deniedBuckets.add(BUCKET);
        assertThatThrownBy(() -> logs.entries(LB_ARN, T0, T0.plusSeconds(60)).toList())
                .isInstanceOf(CoreException.Denied.class)
                .hasMessageContaining("s3:GetObject");
    }

    @Test
    void aBadArnOrRangeIsInvalidBeforeAnyCall() {
        assertThatThrownBy(() -> logs.entries("app/shop/50dc6c495c0c9188", T0, T0.plusSeconds(60)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("expected: an Application Load Balancer ARN");
        assertThatThrownBy(() -> logs.entries(LB_ARN, T0, T0))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("expected: after from");
        assertThat(aws.lists).isEmpty();
    }

    @Test
    void theLocationComesFromTheLoadBalancersAttributes() {
        assertThat(Location.fromAttributes(Map.of(
                        "access_logs.s3.enabled", "true",
                        "access_logs.s3.bucket", BUCKET,
                        "access_logs.s3.prefix", "prod/alb")))
                .contains(new Location(BUCKET, "prod/alb"));
        assertThat(Location.fromAttributes(Map.of("access_logs.s3.enabled", "true", "access_logs.s3.bucket", BUCKET)))
                .contains(new Location(BUCKET, ""));
        assertThat(Location.fromAttributes(Map.of("access_logs.s3.enabled", "false", "access_logs.s3.bucket", BUCKET)))
                .isEmpty();
    }

    private String put(String prefix, String lb, Instant end, String ip, String... lines) {
        String key = prefix + "AWSLogs/" + ACCOUNT + "/elasticloadbalancing/eu-west-1/" + FOLDER.format(end) + "/"
                + ACCOUNT + "_elasticloadbalancing_eu-west-1_" + lb.replace('/', '.') + "_" + END.format(end) + "_" + ip
                + "_f1.log.gz";
        aws.put(BUCKET, key, gzip(String.join("\n", lines) + "\n"));
        return key;
    }

    static String line(Instant time, String lb, String path) {
        return "https " + LOG_TIME.format(time) + " " + lb
                + " 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200"
                + " 34 366 \"GET https://shop.example.com:443" + path + " HTTP/1.1\" \"curl/8.5.0\""
                + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
                + " arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/73e2d6bc24d8a067"
                + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"shop.example.com\""
                + " \"arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 10 "
                + LOG_TIME.format(time.minusMillis(5))
                + " \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90";
    }

    static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
