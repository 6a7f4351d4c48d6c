package dev.triage.agent.admin;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fans server-sent events out to subscribers. Publishing never blocks: each subscriber has a bounded
 * queue, and one that falls {@value #QUEUE_CAPACITY} events behind is dropped (its stream ends; the
 * client reconnects and re-reads the state it needs).
 */
final class EventHub {

    static final int QUEUE_CAPACITY = 256;

    /** One event in SSE wire form, or the end of a stream. */
    record Event(String name, String data) {
        static final Event END = new Event("", "");

        String wire() {
            return "event: " + name + "\ndata: " + data + "\n\n";
        }
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Subscription subscribe() {
        Subscription subscription = new Subscription();
        subscriptions.add(subscription);
        if (closed) {
            subscription.end();
        }
        return subscription;
    }

    void publish(String name, Object data) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Event event = new Event(name, Json.text(data));
        for (Subscription subscription : subscriptions) {
            if (!subscription.queue.offer(event)) {
                subscription.end();
            }
        }
    }

    /** Ends every stream, now and for later subscribers. */
    void close() {
        closed = true;
        subscriptions.forEach(Subscription::end);
    }

    final class Subscription implements AutoCloseable {

        private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 1);

        /** The next event, null when none came within the wait, {@link Event#END} when the stream ends. */
        Event next(long wait, TimeUnit unit) throws InterruptedException {
            return queue.poll(wait, unit);
        }

        void end() {
            subscriptions.remove(this);
            queue.clear();
            queue.offer(Event.END);
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
