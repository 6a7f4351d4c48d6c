package dev.triage.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.aws.cloudwatch.CloudWatchMetrics;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Place;
import dev.triage.core.metrics.MutableClock;
import dev.triage.core.slo.Slo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The overview's load balancer chooser, headless, over core's CloudWatch adapter on an in-memory
 * GetMetricData with two application load balancers: it shows when there is a choice, and choosing
 * the other one replaces the numbers with its own.
 */
@ExtendWith(ApplicationExtension.class)
class LoadBalancerChooserUiTest {

    private static final long WAIT_SECONDS = 30;
    private static final String SHOP =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    private static final String API =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/api/7f00aa11bb22cc33";
    private static final Instant MINUTE = Instant.parse("2026-11-22T10:28:00Z");

    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private Tasks tasks;
    private OverviewScreen screen;

    @Start
    void start(Stage stage) {
        minute("app/shop/50dc6c495c0c9188", 6_000);
        minute("app/api/7f00aa11bb22cc33", 1_200);
        CloudWatchLiveSources sources = new CloudWatchLiveSources(
                new CloudWatchMetrics(cloudWatch),
                () -> List.of(lb(SHOP, "shop"), lb(API, "api")),
                Slo.DEFAULT,
                new MutableClock(Instant.parse("2026-11-22T10:30:20Z")));
        tasks = Tasks.forJavaFx();
        screen = OverviewScreen.create(sources, tasks, Optional.empty());
        stage.setScene(new Scene((javafx.scene.Parent) screen.view(), 1400, 900));
        stage.show();
        screen.start();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> screen.stop()).get(10, TimeUnit.SECONDS);
        tasks.close();
    }

    @Test
    void choosingTheOtherLoadBalancerShowsItsNumbers(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                WAIT_SECONDS,
                TimeUnit.SECONDS,
                () -> robot.lookup("#requestsPerSecond")
                        .queryAs(Label.class)
                        .getText()
                        .equals("100.0/s"));
        ComboBox<?> chooser = robot.lookup("#sourceChooser").queryAs(ComboBox.class);
        assertThat(chooser.isVisible()).isTrue();
        assertThat(chooser.getItems()).hasSize(2);

        robot.clickOn("#sourceChooser");
        robot.clickOn("api");

        WaitForAsyncUtils.waitFor(
                WAIT_SECONDS,
                TimeUnit.SECONDS,
                () -> robot.lookup("#requestsPerSecond")
                        .queryAs(Label.class)
                        .getText()
                        .equals("20.0/s"));
        assertThat(robot.lookup("#sourceNote").queryAs(Label.class).getText())
                .startsWith("per minute, from CloudWatch (api)");
    }

    private void minute(String lb, double requests) {
        cloudWatch.publish(lb, "RequestCount", "Sum", MINUTE, requests);
        cloudWatch.publish(lb, "HTTPCode_ELB_5XX_Count", "Sum", MINUTE, 0);
        cloudWatch.publish(lb, "HTTPCode_Target_5XX_Count", "Sum", MINUTE, 0);
        cloudWatch.publish(lb, "TargetResponseTime", "p50", MINUTE, 0.040);
        cloudWatch.publish(lb, "TargetResponseTime", "p99", MINUTE, 0.900);
    }

    private static LoadBalancer lb(String arn, String name) {
        return new LoadBalancer(
                arn,
                name,
                name + ".example",
                LoadBalancer.Scheme.INTERNET_FACING,
                LoadBalancer.Type.APPLICATION,
                null,
                LoadBalancer.State.ACTIVE,
                new Place("123456789012", "eu-west-1"));
    }
}
