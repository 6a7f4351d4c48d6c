/**
 * The ports core's services use and adapters implement (AWS SDK, the lab's agents, in-memory
 * fakes). Every method blocks: callers run them off the JavaFX thread. Every method reports
 * failures only as {@link dev.triage.core.domain.CoreException}:
 *
 * <ul>
 *   <li>{@code NotFound} - a named resource does not exist;
 *   <li>{@code Throttled} - the provider throttled and the adapter's retries are spent;
 *   <li>{@code Denied} - the identity in use may not do this;
 *   <li>{@code Invalid} - the request breaks a provider rule (every problem listed);
 *   <li>{@code Conflict} - the live state forbids it now (priority in use, resource in use);
 *   <li>{@code Unavailable} - the provider could not be reached; the state is unknown or unchanged.
 * </ul>
 *
 * A thread interrupted while a call blocks gets {@code Unavailable} with the interrupt flag set.
 */
package dev.triage.core.port;
