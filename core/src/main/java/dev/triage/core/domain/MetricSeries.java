package dev.triage.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One metric over time at a fixed period, points in strictly increasing time order. Missing
 * CloudWatch points are filled as zero by the adapter, so a series has no gaps it does not show.
 *
 * @param unit such as Count, Seconds, Percent
 */
public record MetricSeries(String name, String unit, Duration period, List<Point> points) {

    public MetricSeries {
        Validation v = Validation.of("metric series " + name);
        v.present("name", name, "a metric name");
        v.present("unit", unit, "a unit such as Count");
        if (v.present("period", period, "a positive period")) {
            v.check(!period.isNegative() && !period.isZero(), "period: " + period + " (expected: positive)");
        }
        if (v.present("points", points, "a list of points")) {
            Instant last = null;
            for (Point point : points) {
                if (!v.present("point", point, "a point")) {
                    continue;
                }
                if (last != null && !point.time().isAfter(last)) {
                    v.add("point: " + point.time() + " after " + last + " (expected: strictly increasing times)");
                }
                last = point.time();
            }
        }
        v.throwIfInvalid();
        points = List.copyOf(points);
    }

    /** One value at a time (the start of its period). */
    public record Point(Instant time, double value) {
        public Point {
            Validation v = Validation.of("metric point");
            v.present("time", time, "a time");
            v.check(Double.isFinite(value), "value: " + value + " (expected: a finite number)");
            v.throwIfInvalid();
        }
    }

    /** The sum of all values (for counts). */
    public double sum() {
        return points.stream().mapToDouble(Point::value).sum();
    }
}
