/**
 * Per-route admission checks on the request head, entered through {@link
 * dev.triage.agent.gate.Gate}.
 *
 * <p>Choices a successor should keep, or change knowingly:
 *
 * <ul>
 *   <li>Order: methods (405 with Allow), required header (403), Basic shape (401 with
 *       WWW-Authenticate), declared or buffered body size (413; 400 for a malformed or conflicting
 *       Content-Length). The server must still stop reading a streamed body past maxBodyBytes.
 *   <li>Required-header values are compared as SHA-256 digests with MessageDigest.isEqual against
 *       every accepted value, so timing leaks neither a secret's length nor which one matched. No
 *       message or toString ever contains a secret.
 *   <li>Two Authorization headers are refused (401): which one an upstream reads is not ours to guess.
 *   <li>Refusals that do not depend on the request are built once at compile time.
 * </ul>
 */
package dev.triage.agent.gate;
