/**
 * The AWS adapter of {@link dev.triage.core.port.AccessLogs}: a load balancer's access logs read from S3.
 *
 * <p>{@link dev.triage.core.aws.s3.S3AccessLogs} is the entry point. It finds the bucket and prefix in the load
 * balancer's attributes, lists the files of the days in range, and streams the gzip objects through the ALB log
 * parser lazily; S3's error codes become {@link dev.triage.core.domain.CoreException}s.
 */
package dev.triage.core.aws.s3;
