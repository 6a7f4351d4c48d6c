package dev.triage.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.triage.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule agentStaysSmall = noClasses()
            .that()
            .resideInAPackage("dev.triage.agent..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "javafx..", "dev.triage.core..", "dev.triage.console..")
            .because("the agent runs on every node beside the service: it must not carry the AWS SDK, JavaFX "
                    + "or the console's core (docs/decisions/0001-module-layout.md)");

    @ArchTest
    static final ArchRule policiesDoNotKnowTheServer = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.triage.agent.retry..",
                    "dev.triage.agent.cache..",
                    "dev.triage.agent.route..",
                    "dev.triage.agent.gate..",
                    "dev.triage.agent.upstream..",
                    "dev.triage.agent.metrics..",
                    "dev.triage.agent.log..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.triage.agent.server..")
            .because("policies are decorators of the blocking Exchange port and the server assembles them, "
                    + "never the other way round (docs/decisions/0002-agent-server-stack.md)");

    @ArchTest
    static final ArchRule policiesDoNotKnowTheTransport = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.triage.agent.retry..",
                    "dev.triage.agent.cache..",
                    "dev.triage.agent.route..",
                    "dev.triage.agent.gate..")
            .should()
            .dependOnClassesThat()
            .haveSimpleName("UpstreamClient")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.hc..")
            .because("policies see upstreams only through Exchange and requests as ProxyRequest, so they are "
                    + "unit-tested with scripted fakes and work over any transport");

    @ArchTest
    static final ArchRule metricsAndLogStayPassive = noClasses()
            .that()
            .resideInAnyPackage("dev.triage.agent.metrics..", "dev.triage.agent.log..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.triage.agent.server..", "dev.triage.agent.retry..", "dev.triage.agent.cache..")
            .because("measurements are fed by the request path, never the other way round");
}
