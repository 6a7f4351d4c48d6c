/**
 * The agent admin API from the other side: {@link dev.triage.agent.client.AgentClient} calls one
 * agent ({@link dev.triage.agent.client.AgentEndpoint}), {@link dev.triage.agent.client.FleetPush}
 * pushes one config to many. Failures are {@link dev.triage.agent.client.AgentClientException}s
 * whose messages name the agent and never the token.
 *
 * <pre>{@code
 * try (AgentClient client = AgentClient.create()) {
 *     AgentEndpoint edge = new AgentEndpoint("edge", URI.create("http://127.0.0.1:9901"), token);
 *     VersionedConfig running = client.config(edge).join();
 *     client.pushConfig(edge, changed(running.config()), running.etag()).join();
 * }
 * }</pre>
 */
package dev.triage.agent.client;
