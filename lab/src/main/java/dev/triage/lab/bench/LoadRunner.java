package dev.triage.lab.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends a list of operations from a bounded number of concurrent clients (virtual threads) and
 * records each outcome. Clients do not retry: what they see is what a patient's doctor sees.
 */
final class LoadRunner implements AutoCloseable {

    private final CloseableHttpClient client;
    private final int concurrency;

    LoadRunner(int concurrency, Duration clientTimeout) {
        this.concurrency = concurrency;
        Timeout timeout = Timeout.of(clientTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency * 2)
                        .setMaxConnPerRoute(concurrency * 2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    RunResult run(URI base, List<Operation> operations) throws InterruptedException {
        RunResult result = new RunResult();
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Operation operation : operations) {
                slots.acquire();
                executor.execute(() -> {
                    try {
                        send(base, operation, result);
                    } finally {
                        slots.release();
                    }
                });
            }
            executor.shutdown();
            if (!executor.awaitTermination(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("load run did not finish within 30 minutes");
            }
        }
        return result;
    }

    private void send(URI base, Operation operation, RunResult result) {
        HttpUriRequestBase request = new HttpUriRequestBase(operation.method(), base.resolve(operation.path()));
        request.setHeader("Authorization", operation.authorization());
        request.setHeader("X-Request-Id", operation.requestId());
        request.setHeader("Accept", "application/json");
        if (operation.body() != null) {
            request.setEntity(new StringEntity(operation.body(), ContentType.APPLICATION_JSON));
        }
        long start = System.nanoTime();
        int status;
        try {
            status = client.execute(request, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            status = 0;
        }
        result.record(operation, status, System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
