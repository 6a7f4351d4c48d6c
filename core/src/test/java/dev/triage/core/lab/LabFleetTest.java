package dev.triage.core.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.fleet.FleetFile;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.MetricQuery.Scope.RouteScope;
import dev.triage.core.port.MetricQuery.Scope.TargetGroupScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's agents as a fleet, and metric ids that match the lab's load balancer ids. */
class LabFleetTest {

    @TempDir
    Path dir;

    @Test
    void everyAgentOfTheDescriptionIsInTheFleetEdgeAndNodes() throws IOException {
        Path describe = describe();

        List<FleetAgent> agents = LabFleet.agents(LabDescription.read(describe));

        assertThat(agents).extracting(FleetAgent::name).containsExactly("edge", "node-1");
        assertThat(agents).extracting(FleetAgent::role).containsExactly("edge", "node");
        assertThat(agents.getFirst().adminAddress()).isEqualTo("127.0.0.1:9920");
        assertThat(FleetFile.read(describe)).isEqualTo(agents);
    }

    @Test
    void theEdgesMetricIdsAreTheLoadBalancerAdaptersIds() throws IOException {
        List<FleetAgent> agents = LabFleet.agents(LabDescription.read(describe()));
        FleetAgent edge = agents.get(0);
        FleetAgent node = agents.get(1);

        assertThat(LabFleet.SCOPE_IDS.agent(edge)).isEqualTo(new LoadBalancerScope("lab:loadbalancer/edge"));
        assertThat(LabFleet.SCOPE_IDS.targetGroup(edge, "legacy"))
                .isEqualTo(new TargetGroupScope("lab:loadbalancer/edge", LabMapping.targetGroupArn("legacy")));
        assertThat(LabFleet.SCOPE_IDS.route(edge, "edge", "all"))
                .isEqualTo(new RouteScope(LabMapping.ruleArn("edge", "all")));
        assertThat(LabFleet.SCOPE_IDS.route(edge, "edge", null)).isEqualTo(new RouteScope("lab:rule/edge/default"));
        assertThat(LabFleet.SCOPE_IDS.route(node, "traffic", "reads"))
                .isEqualTo(new RouteScope("lab:agent/node-1/rule/traffic/reads"));
        assertThat(LabFleet.SCOPE_IDS.targetGroup(node, "hosp").loadBalancerArn())
                .isEqualTo("lab:loadbalancer/node-1");
    }

    private Path describe() throws IOException {
        Path describe = dir.resolve("lab.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:8080",
                 "agents": [
                   {"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:8080",
                    "admin": "http://127.0.0.1:9920", "token": "edge-token"},
                   {"name": "node-1", "role": "node", "traffic": "http://127.0.0.1:9910",
                    "admin": "http://127.0.0.1:9921", "token": "node-token"}]}
                """);
        return describe;
    }
}
