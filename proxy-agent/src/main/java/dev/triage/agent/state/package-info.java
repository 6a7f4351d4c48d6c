/**
 * Crash-safe persistence of the agent's config, entered through {@link
 * dev.triage.agent.state.ConfigStore}.
 *
 * <p>Files are only ever replaced whole by an atomic rename of a temp file that was forced to disk
 * first, and the directory is forced after the rename; a kill -9 or power cut at any moment leaves
 * either the old or the new file, never a torn one. The agent boots from {@code config.json} when it
 * is present and valid, else from its {@code --config} file.
 */
package dev.triage.agent.state;
