/**
 * Request routing with an ALB listener's semantics, entered through {@link
 * dev.triage.agent.route.Router}.
 *
 * <p>Choices a successor should keep, or change knowingly:
 *
 * <ul>
 *   <li>Everything is compiled when a config snapshot is applied: rules sorted by priority, wildcard
 *       patterns (no regex; exact and prefix fast paths), CIDR masks, fixed responses, redirect
 *       templates, cumulative weights and Set-Cookie values. Matching returns shared RouteMatch
 *       instances and never reads the body.
 *   <li>path-pattern is matched against the path after decoding escapes of unreserved characters and
 *       removing dot segments (RFC 3986 6.2.2), so "/%6Eotes" or "/x/../notes" cannot bypass a rule
 *       (and its gates) for "/notes". Reserved escapes such as %2F stay encoded. This is stricter
 *       than matching the raw path; it changes nothing for canonical paths.
 *   <li>Wildcards: {@code *} any characters ('/' included), {@code ?} exactly one; a backslash makes
 *       the next character literal (ALB documents it for query strings; harmless elsewhere). Query
 *       keys and values, on both sides, are URL-decoded ('+' is a space) before matching. A
 *       value-only query pair also matches a bare "?token".
 *   <li>Redirects follow ALB: #{path} has no leading '/', unset parts keep the request's, the
 *       Location always carries the port, #{protocol}/#{port} are the listener's. A redirect that
 *       uses #{host} answers 400 when Host is missing or holds characters that could reshape the URL.
 *   <li>Forward: a lone target group takes all traffic whatever its weight (JSON that omits the
 *       weight reads 0); several groups all at 0 are refused at compile time. The sticky cookie
 *       {@value dev.triage.agent.route.Router#STICKY_COOKIE} holds "index.crc32(group names)": it is
 *       ignored once the group list changes or its group's weight drops to 0.
 * </ul>
 */
package dev.triage.agent.route;
