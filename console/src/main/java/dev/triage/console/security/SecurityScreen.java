package dev.triage.console.security;

import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
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
    private final Node view;

    private SecurityScreen(SecurityViewModel alerts, PostureViewModel posture, RemediationViewModel remediation) {
        this.alerts = alerts;
        this.posture = posture;
        this.remediation = remediation;
        remediation.onApplied(posture::refresh);
        this.view = SecurityView.create(alerts, posture, remediation);
    }

    /** Builds the screen on the FX thread; {@link #start()} opens the streams and runs the checks. */
    public static SecurityScreen create(
            LoadBalancers loadBalancers, AuditJournal journal, SecuritySource source, Tasks tasks, String actor) {
        return new SecurityScreen(
                new SecurityViewModel(source, tasks),
                new PostureViewModel(loadBalancers, source, tasks),
                new RemediationViewModel(loadBalancers, journal, tasks, actor));
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

    public void start() {
        alerts.start();
        posture.refresh();
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
