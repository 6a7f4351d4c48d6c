package dev.triage.console.ui;

import dev.triage.console.connection.Connection;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.overview.LiveSources;
import dev.triage.console.security.SecuritySource;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import java.util.Optional;

/** A connection that passes everything to {@link #delegate()}: a test overrides only what it changes. */
interface ForwardingConnection extends Connection {

    Connection delegate();

    @Override
    default Place place() {
        return delegate().place();
    }

    @Override
    default LoadBalancers loadBalancers() {
        return delegate().loadBalancers();
    }

    @Override
    default AuditJournal journal() {
        return delegate().journal();
    }

    @Override
    default LiveSources live() {
        return delegate().live();
    }

    @Override
    default SecuritySource security() {
        return delegate().security();
    }

    @Override
    default AgentFleet fleet() {
        return delegate().fleet();
    }

    @Override
    default Optional<Certificates> certificates() {
        return delegate().certificates();
    }

    @Override
    default Optional<AccessLogs> accessLogs() {
        return delegate().accessLogs();
    }

    @Override
    default WritePolicy writePolicy() {
        return delegate().writePolicy();
    }

    @Override
    default void close() {
        delegate().close();
    }
}
