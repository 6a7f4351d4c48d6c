/**
 * The agent's response cache (one per agent, bounded in bytes), entered through {@link
 * dev.triage.agent.cache.ResponseCache}.
 *
 * <p>Choices a successor should keep, or change knowingly:
 *
 * <ul>
 *   <li>Keys: method, Host (lower case), path, raw query, and whose copy: a SHA-256 of Authorization
 *       unless the route shares across principals, else "auth" (requests with Authorization) or
 *       "anon" (without; also on other routes). Credentials are never held, not even in Vary values.
 *   <li>Sharing across principals means sharing among credentials the upstream vouched for ({@code
 *       Principals}): per URL (a credential accepted for one URL is not for
 *       another: upstreams answer some paths without checking credentials), for 10 minutes after a
 *       2XX, 3XX or 404 to that credential and URL, withdrawn by a 401 (every URL) or 403 (that
 *       URL). Unvouched requests fetch alone, get no stale copy, and their 401/403 never touch the
 *       shared copy; their 2XX may refresh it.
 *   <li>While the route's target group says failing(), a copy within stale-if-error is served at
 *       once with the stale-while-revalidate single-flight refresh, not after the upstream fails.
 *   <li>Stored: 200, 203, 204, 300, 301, 308, 404, 410 up to the route's maxEntryBytes; never a 5XX.
 *       no-store never; private and Set-Cookie only under a per-principal key; Vary: * never; other
 *       Vary fields keep one variant per key. Freshness = min(route TTL, s-maxage | max-age - Age |
 *       Expires - Date); no-cache = zero freshness, kept only for stale-if-error; must-revalidate
 *       and proxy-revalidate disable both stale windows. Windows are fixed when an entry is
 *       stored: a new config's TTL applies to what is stored after it.
 *   <li>An answer that supersedes the stored copy but cannot be stored (200 no-store, 401, 403,
 *       404 private, too large) removes the copy; except a 401 or 403 to the shared "auth" copy,
 *       which speaks of the credential, not the resource.
 *   <li>Cache fetches drop conditional and Range fields: the answer is shared and stored, so it is
 *       always the whole representation (clients get 200 where a 304 would do).
 *   <li>Client no-store bypasses the store; client no-cache (or max-age=0, Pragma: no-cache) gets
 *       its own upstream fetch that may update the store, and no stale copy on error.
 *   <li>Single flight: callers of a key wait for one fetch, bounded by their own deadline. They
 *       take its answer only when it was fit to store and of their variant, else fetch alone; a
 *       failure or 5XX is shared, and each caller then applies stale-if-error.
 *   <li>Writes invalidate by resource (path without trailing slash or ".json") and parent, across
 *       hosts, queries and principals, through an index from resource to keys; striped generations
 *       keep a read fetched before a write from being stored after its invalidation.
 * </ul>
 */
package dev.triage.agent.cache;
