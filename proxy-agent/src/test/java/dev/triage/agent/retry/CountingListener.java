package dev.triage.agent.retry;

import dev.triage.agent.upstream.ExchangeListener;
import java.util.concurrent.atomic.AtomicInteger;

final class CountingListener implements ExchangeListener {

    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger hedges = new AtomicInteger();
    final AtomicInteger budgetRefusals = new AtomicInteger();
    final AtomicInteger writesHeld = new AtomicInteger();

    @Override
    public void retry() {
        retries.incrementAndGet();
    }

    @Override
    public void hedge() {
        hedges.incrementAndGet();
    }

    @Override
    public void budgetRefused() {
        budgetRefusals.incrementAndGet();
    }

    @Override
    public void writeHeld() {
        writesHeld.incrementAndGet();
    }
}
