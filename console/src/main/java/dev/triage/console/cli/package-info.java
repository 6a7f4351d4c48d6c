/**
 * The {@code triage} command line (picocli): {@code lb list}, {@code shift}, {@code undo},
 * {@code history} and {@code certs list}, over core's ports; {@link dev.triage.console.cli.Triage}
 * is the entry point.
 */
package dev.triage.console.cli;
