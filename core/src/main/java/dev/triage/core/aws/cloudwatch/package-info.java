/**
 * The AWS adapter of {@link dev.triage.core.port.Metrics} over CloudWatch GetMetricData (namespace
 * AWS/ApplicationELB), per load balancer and per target group.
 *
 * <p>{@link dev.triage.core.aws.cloudwatch.CloudWatchMetrics} is the entry point. Missing points are zero, so each
 * series covers the whole range; CloudWatch's error codes become {@link dev.triage.core.domain.CoreException}s.
 */
package dev.triage.core.aws.cloudwatch;
