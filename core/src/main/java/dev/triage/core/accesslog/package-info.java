/**
 * Application Load Balancer access logs: {@link dev.triage.core.accesslog.AlbLogParser} reads the format AWS
 * documents ("Access logs for your Application Load Balancer") into {@link dev.triage.core.accesslog.AlbLogEntry}
 * values, from single lines or from whole (gzip or plain) log files. No AWS SDK here: fetching the files from S3
 * belongs to the AWS adapter.
 */
package dev.triage.core.accesslog;
