package dev.triage.agent.client;

import static dev.triage.agent.client.AgentClientTest.failure;
import static dev.triage.agent.client.AgentClientTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.client.AgentUnreachableException.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsTest {

    private final AgentConfig initial = FakeAgent.exampleConfig();
    private final FakeAgent agent = new FakeAgent(initial, AgentClientTest.STATS);
    private final AgentClient client = AgentClient.create();
    private final AgentEndpoint endpoint = agent.endpoint("node-1");
    private final BlockingQueue<AgentEvent> received = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        client.close();
        agent.close();
    }

    @Test
    void configAndHealthEventsArriveTypedAndInOrder() throws Exception {
        try (Subscription subscription = subscribe()) {
            agent.send("event: health\ndata: {\"targetGroup\":\"hosp\",\"target\":\"10.0.0.1:80\",\"healthy\":false}");
            agent.send(": keep-alive");
            agent.send("event: security\ndata: {\"kind\":\"probe\",\n" + "data: \"path\":\"/wp-admin\"}");
            AgentConfig next = FakeAgent.withVersion(initial, "hosp-default-2");
            get(client.pushConfig(endpoint, next, ConfigCodec.hash(initial)));

            assertThat(List.of(next(), next(), next()))
                    .containsExactly(
                            new AgentEvent.TargetHealthChanged("hosp", "10.0.0.1:80", false),
                            new AgentEvent.Other("security", "{\"kind\":\"probe\",\n\"path\":\"/wp-admin\"}"),
                            new AgentEvent.ConfigApplied("hosp-default-2", ConfigCodec.hash(next)));
            assertThat(subscription.done()).isNotDone();
        }
    }

    @Test
    void closingTheSubscriptionEndsItQuietly() throws Exception {
        Subscription subscription = subscribe();

        subscription.close();

        assertThat(subscription.done().get(10, TimeUnit.SECONDS)).isNull();
        // The connection is really gone: the agent's writes fail and it drops the stream.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            agent.send("event: config\ndata: {\"version\":\"late\",\"hash\":\"h\"}");
            return agent.subscribers() == 0;
        });
        assertThat(received).isEmpty();
    }

    @Test
    void anAgentEndingTheStreamFailsTheSubscriptionAsConnectionLost() throws Exception {
        Subscription subscription = subscribe();

        agent.endStreams();

        Throwable failure = failure(subscription.done());
        assertThat(failure).isInstanceOf(AgentUnreachableException.class);
        assertThat(((AgentUnreachableException) failure).reason()).isEqualTo(Reason.CONNECTION_LOST);
        assertThat(failure.getMessage())
                .isEqualTo("agent node-1 at " + endpoint.address() + ": the agent ended the event stream");
    }

    @Test
    void closingTheClientEndsItsSubscriptions() throws Exception {
        Subscription subscription = subscribe();

        client.close();

        assertThat(subscription.done().get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aSilentStreamFailsAfterTheIdleTimeout() throws Exception {
        try (AgentClient impatient =
                AgentClient.create(AgentClient.Options.DEFAULTS.withEventsIdleTimeout(Duration.ofMillis(300)))) {
            Subscription subscription = impatient.events(endpoint, received::add);
            get(subscription.opened());

            Throwable failure = failure(subscription.done());

            assertThat(failure).isInstanceOf(AgentUnreachableException.class);
            assertThat(((AgentUnreachableException) failure).reason()).isEqualTo(Reason.RESPONSE_TIMEOUT);
        }
    }

    @Test
    void aConsumerThatThrowsEndsTheSubscriptionWithItsException() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Subscription subscription = client.events(endpoint, event -> {
            throw boom;
        });
        get(subscription.opened());
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.subscribers() == 1);

        agent.send("event: health\ndata: {\"targetGroup\":\"hosp\",\"target\":\"a:1\",\"healthy\":true}");

        assertThat(failure(subscription.done())).isSameAs(boom);
    }

    @Test
    void anUnreachableAgentFailsToOpenNamingItsAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        AgentEndpoint gone = new AgentEndpoint("node-9", URI.create("http://127.0.0.1:" + port), FakeAgent.TOKEN);

        Subscription subscription = client.events(gone, received::add);

        assertThat(failure(subscription.opened()))
                .isInstanceOfSatisfying(
                        AgentUnreachableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessageStartingWith("agent node-9 at 127.0.0.1:" + port + ": connection refused");
        assertThat(failure(subscription.done())).isInstanceOf(AgentUnreachableException.class);
    }

    @Test
    void aPathThatIsNotAnEventStreamFailsToOpen() {
        AgentEndpoint elsewhere = new AgentEndpoint("node-1", agent.uri().resolve("/nowhere/"), FakeAgent.TOKEN);

        Subscription subscription = client.events(elsewhere, received::add);

        assertThat(failure(subscription.opened()))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("unexpected answer 404 to GET /admin/events");
        assertThat(failure(subscription.done())).isInstanceOf(AgentProtocolException.class);
    }

    private Subscription subscribe() throws Exception {
        Subscription subscription = client.events(endpoint, received::add);
        get(subscription.opened());
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.subscribers() == 1);
        return subscription;
    }

    private AgentEvent next() throws InterruptedException {
        AgentEvent event = received.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }
}
