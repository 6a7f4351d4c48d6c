/**
 * The AWS adapter of {@link dev.triage.core.port.LoadBalancers} over the ELBv2 SDK client.
 *
 * <p>{@link dev.triage.core.aws.elbv2.Elbv2LoadBalancers} is the entry point. Reads follow every page (Marker /
 * NextMarker); AWS error codes become {@link dev.triage.core.domain.CoreException}s whose messages name the limit or
 * the missing resource.
 */
package dev.triage.core.aws.elbv2;
