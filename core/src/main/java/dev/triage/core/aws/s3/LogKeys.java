package dev.triage.core.aws.s3;

import dev.triage.core.domain.CoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where ALB writes a load balancer's access log files, as AWS documents it:
 * {@code [prefix/]AWSLogs/ACCOUNT/elasticloadbalancing/REGION/yyyy/mm/dd/ACCOUNT_elasticloadbalancing_REGION_app.NAME.ID_END_IP_RANDOM.log.gz},
 * END being the end of the file's 5-minute interval ({@code yyyyMMdd'T'HHmm'Z'}, UTC). A file is read when END lies
 * in {@code [from, to + FILE_SLACK)}: a file never holds a request answered after its END, and the slack covers the
 * interval and late delivery.
 */
final class LogKeys {

    /** The 5-minute interval of a file plus 5 minutes for late delivery. */
    static final Duration FILE_SLACK = Duration.ofMinutes(10);

    /** At most this many days of logs per read. */
    static final int MAX_DAYS = 366;

    private static final Pattern ARN =
            Pattern.compile("arn:[^:]+:elasticloadbalancing:([a-z0-9-]+):(\\d{12}):loadbalancer/app/([^/]+)/([^/]+)");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmX");

    private final String base;
    private final String filePrefix;

    private LogKeys(String base, String filePrefix) {
        this.base = base;
        this.filePrefix = filePrefix;
    }

    static LogKeys of(String loadBalancerArn, String prefix) {
        Matcher m = ARN.matcher(loadBalancerArn);
        if (!m.matches()) {
            throw new CoreException.Invalid(
                    "access logs",
                    List.of("load balancer ARN: '" + loadBalancerArn + "' (expected: an Application Load Balancer ARN,"
                            + " such as arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID)"));
        }
        String region = m.group(1);
        String account = m.group(2);
        String trimmed = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        String base = (trimmed.isEmpty() ? "" : trimmed + "/") + "AWSLogs/" + account + "/elasticloadbalancing/"
                + region + "/";
        String file = account + "_elasticloadbalancing_" + region + "_app." + m.group(3) + "." + m.group(4) + "_";
        return new LogKeys(base, file);
    }

    /** The listing prefixes (one per UTC day) that can hold files for {@code [from, to)}, oldest first. */
    List<String> dayPrefixes(Instant from, Instant to) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to.plus(FILE_SLACK), ZoneOffset.UTC);
        List<String> result = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            result.add(base + DAY.format(day) + "/" + filePrefix);
        }
        return result;
    }

    /** True when the file named by {@code key} may hold entries of {@code [from, to)}; false for foreign names. */
    boolean mayHold(String key, Instant from, Instant to) {
        int at = key.lastIndexOf('/') + 1 + filePrefix.length();
        if (!key.startsWith(filePrefix, key.lastIndexOf('/') + 1) || key.length() < at + 14) {
            return false;
        }
        Instant end;
        try {
            end = END.parse(key.substring(at, at + 14), Instant::from);
        } catch (DateTimeParseException e) {
            return false;
        }
        return !end.isBefore(from) && end.isBefore(to.plus(FILE_SLACK));
    }

    static void checkRange(Instant from, Instant to) {
        List<String> problems = new ArrayList<>();
        if (!from.isBefore(to)) {
            problems.add("to: " + to + " (expected: after from, " + from + ")");
        } else if (Duration.between(from, to).toDays() >= MAX_DAYS) {
            problems.add("range: " + Duration.between(from, to).toDays() + " days (expected: at most " + MAX_DAYS
                    + " days per read)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("access log range", problems);
        }
    }
}
