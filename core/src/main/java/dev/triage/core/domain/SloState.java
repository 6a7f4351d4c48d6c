package dev.triage.core.domain;

import dev.triage.core.slo.BurnRateAlert;
import dev.triage.core.slo.ErrorBudget;
import dev.triage.core.slo.Slo;
import java.time.Instant;
import java.util.List;

/** Where a service stands against its SLO at one moment: the budget left and the alerts firing. */
public record SloState(String scope, Slo slo, Instant at, ErrorBudget budget, List<BurnRateAlert> alerts) {

    public SloState {
        Validation v = Validation.of("SLO state " + scope);
        v.present("scope", scope, "what the SLO covers (a load balancer, target group or route)");
        v.present("slo", slo, "an SLO");
        v.present("at", at, "a time");
        v.present("budget", budget, "an error budget");
        v.throwIfInvalid();
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }
}
