/**
 * The agent fleet over the agents' admin API: {@link dev.triage.core.fleet.AdminApiFleet} implements the
 * {@link dev.triage.core.port.AgentFleet} port for any list of {@link dev.triage.core.fleet.FleetAgent}s
 * (the lab's, see {@code dev.triage.core.lab.LabFleet}, or a file, see {@link
 * dev.triage.core.fleet.FleetFile}); {@link dev.triage.core.fleet.ConfigChanges} are edits for {@code
 * update}.
 */
package dev.triage.core.fleet;
