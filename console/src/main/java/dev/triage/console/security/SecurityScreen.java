package dev.triage.console.security;

import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.DetectorSettings;
import java.time.Clock;
import javafx.scene.Node;

/**
 * The security screen: live alerts from every agent's event stream, one-click remediation through a
 * change plan, and the posture checks with their fixes. The feature's entry point.
 */
public final class SecurityScreen {

    private final SecurityViewModel alerts;
    private final PostureViewModel posture;
    private final RemediationViewModel remediation;
    private final RotationViewModel rotation;
    private final AccessLogViewModel accessLogs;
    private final Node view;

    private SecurityScreen(
            SecurityViewModel alerts,
            PostureViewModel posture,
            RemediationViewModel remediation,
            RotationViewModel rotation,
            AccessLogViewModel accessLogs) {
        this.alerts = alerts;
        this.accessLogs = accessLogs;
        this.posture = posture;
        this.remediation = remediation;
        this.rotation = rotation;
        remediation.onApplied(posture::refresh);
        // The rotation panel follows the write policy the window sets on the remediation's guard.
        remediation.guard().policyProperty().subscribe(p -> rotation.guard().policy(p));
        this.view = SecurityView.create(alerts, posture, remediation, rotation, accessLogs);
    }

    /** Builds the screen on the FX thread; {@link #start()} opens the streams and runs the checks. */
    public static SecurityScreen create(
            LoadBalancers loadBalancers,
            AuditJournal journal,
            SecuritySource source,
            AgentFleet fleet,
            Tasks tasks,
            String actor) {
        return create(loadBalancers, journal, source, fleet, null, tasks, actor);
    }

    /**
     * As above, with the place's access logs for the "From access logs" panel (null: none, the panel says so).
     */
    public static SecurityScreen create(
            LoadBalancers loadBalancers,
            AuditJournal journal,
            SecuritySource source,
            AgentFleet fleet,
            AccessLogs accessLogs,
            Tasks tasks,
            String actor) {
        return new SecurityScreen(
                new SecurityViewModel(source, tasks),
                new PostureViewModel(loadBalancers, source, tasks),
                new RemediationViewModel(loadBalancers, journal, fleet, tasks, actor),
                new RotationViewModel(loadBalancers, fleet, journal, tasks, actor),
                new AccessLogViewModel(
                        accessLogs, loadBalancers, DetectorSettings.defaults(), tasks, Clock.systemUTC()));
    }

    public Node view() {
        return view;
    }

    public SecurityViewModel alerts() {
        return alerts;
    }

    public PostureViewModel posture() {
        return posture;
    }

    public RemediationViewModel remediation() {
        return remediation;
    }

    /** The CDN secret rotation panel. */
    public RotationViewModel rotation() {
        return rotation;
    }

    /** The access-log findings panel. */
    public AccessLogViewModel accessLogs() {
        return accessLogs;
    }

    public void start() {
        alerts.start();
        posture.refresh();
        rotation.reload();
    }

    public void refresh() {
        posture.refresh();
    }

    /** Closes the event streams and the notifications still showing. On the FX thread. */
    public void stop() {
        alerts.stop();
        accessLogs.cancel();
        Notifier.hideAll();
    }
}
