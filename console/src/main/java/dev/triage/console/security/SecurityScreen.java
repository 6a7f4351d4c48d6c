package dev.triage.console.security;

import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
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
    private final Node view;

    private SecurityScreen(
            SecurityViewModel alerts,
            PostureViewModel posture,
            RemediationViewModel remediation,
            RotationViewModel rotation) {
        this.alerts = alerts;
        this.posture = posture;
        this.remediation = remediation;
        this.rotation = rotation;
        remediation.onApplied(posture::refresh);
        // The rotation panel follows the write policy the window sets on the remediation's guard.
        remediation.guard().policyProperty().subscribe(p -> rotation.guard().policy(p));
        this.view = SecurityView.create(alerts, posture, remediation, rotation);
    }

    /** Builds the screen on the FX thread; {@link #start()} opens the streams and runs the checks. */
    public static SecurityScreen create(
            LoadBalancers loadBalancers,
            AuditJournal journal,
            SecuritySource source,
            AgentFleet fleet,
            Tasks tasks,
            String actor) {
        return new SecurityScreen(
                new SecurityViewModel(source, tasks),
                new PostureViewModel(loadBalancers, source, tasks),
                new RemediationViewModel(loadBalancers, journal, fleet, tasks, actor),
                new RotationViewModel(loadBalancers, fleet, journal, tasks, actor));
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
        Notifier.hideAll();
    }
}
