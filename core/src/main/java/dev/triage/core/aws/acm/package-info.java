/**
 * The AWS adapter of {@link dev.triage.core.port.Certificates} over AWS Certificate Manager.
 *
 * <p>{@link dev.triage.core.aws.acm.AcmCertificates} is the entry point: it lists every certificate (all key types and
 * statuses, every page), describes one, and imports a PEM certificate after checking it locally. ACM's error codes
 * become {@link dev.triage.core.domain.CoreException}s; no message carries a private key.
 */
package dev.triage.core.aws.acm;
