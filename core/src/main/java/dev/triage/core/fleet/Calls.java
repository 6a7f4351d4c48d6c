package dev.triage.core.fleet;

import dev.triage.agent.client.AgentClientException;
import dev.triage.agent.client.AgentUnauthorizedException;
import dev.triage.agent.client.ConfigConflictException;
import dev.triage.agent.client.ConfigRejectedException;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for an agent client's futures, and its failures as {@link CoreException}s. */
final class Calls {

    private Calls() {}

    /** Blocks for the answer; a failure comes back as the matching CoreException. */
    static <T> T await(CompletableFuture<T> call, FleetAgent agent, String operation) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new CoreException.Unavailable("agent " + agent.name(), "interrupted during " + operation, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), agent, operation);
        }
    }

    /** The cause inside a future's failure. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static CoreException translate(Throwable failure, FleetAgent agent, String operation) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case CoreException core -> core;
            case ConfigConflictException conflict ->
                new CoreException.Conflict(
                        "agent " + agent.name() + ": its config changed since it was read (now "
                                + conflict.currentHash() + ")",
                        conflict);
            case ConfigRejectedException rejected ->
                new CoreException.Invalid(
                        "config for agent " + agent.name(),
                        rejected.errors().stream().map(Object::toString).toList(),
                        rejected);
            case AgentUnauthorizedException denied ->
                new CoreException.Denied(operation, "agent " + agent.name() + " refused the admin token", denied);
            case IllegalArgumentException invalid ->
                new CoreException.Invalid(
                        "config for agent " + agent.name(), List.of(String.valueOf(invalid.getMessage())), invalid);
            case AgentClientException client ->
                new CoreException.Unavailable("agent " + agent.name(), client.getMessage(), client);
            default ->
                new CoreException.Unavailable(
                        "agent " + agent.name(), operation + " failed: " + cause.getMessage(), cause);
        };
    }

    /** The agent's validation errors when it rejected a config; empty otherwise. */
    static List<dev.triage.agent.api.config.ConfigError> errors(Throwable failure) {
        return unwrap(failure) instanceof ConfigRejectedException rejected ? rejected.errors() : List.of();
    }
}
