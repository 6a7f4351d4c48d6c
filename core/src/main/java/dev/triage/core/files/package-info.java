/** Writing files so a crash never leaves half of one: {@link dev.triage.core.files.AtomicFiles}. */
package dev.triage.core.files;
