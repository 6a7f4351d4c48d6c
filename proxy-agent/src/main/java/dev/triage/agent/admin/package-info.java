/**
 * The agent's control plane, entered through {@link dev.triage.agent.admin.AdminServer}; the HTTP API
 * is documented in docs/agent-api.md.
 *
 * <p>Choices a successor should keep, or change knowingly:
 *
 * <ul>
 *   <li>Authentication runs before routing, so every path, known or not, answers 401 without the
 *       token. Only the token's SHA-256 digest is kept; presented tokens are digested and compared
 *       with MessageDigest.isEqual (constant time, length-independent). Nothing here logs headers.
 *   <li>A config change is one critical section: compare the If-Match hash, apply to the agent,
 *       persist, then answer 200. Two pushes with the same If-Match: the second sees the new hash
 *       and gets 409.
 *   <li>Apply before persist: a config that cannot bind never reaches the disk, and a kill -9
 *       between the two leaves the old config on disk, which the client was never told was replaced.
 *   <li>The classic (blocking) HttpCore server with a thread per connection: admin traffic is a few
 *       connections, and an event stream is a thread blocked on its queue, away from the traffic
 *       reactors.
 *   <li>Health events come from sampling stats while someone is subscribed (the data plane has no
 *       health callback); a change is seen within one sampling interval (500 ms).
 * </ul>
 */
package dev.triage.agent.admin;
