package dev.triage.agent.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A raw-socket upstream that misbehaves as told, one behaviour per connection. */
final class BadUpstream implements AutoCloseable {

    enum Behaviour {
        /** Answers 200 "ok" and closes. */
        GOOD,
        /** Declares 1000 bytes, sends 100, then resets the connection (RST). */
        RESET_MID_BODY,
        /** A status line that is not HTTP. */
        GARBAGE_STATUS_LINE,
        /** A header line of 20,000 bytes. */
        OVERSIZED_HEADERS,
        /** Declares 1000 bytes, sends 10, and holds the connection open until closed. */
        BODY_NEVER_ENDS
    }

    private final ServerSocket server;
    private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.GOOD);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread acceptor;

    BadUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    void behave(Behaviour next) {
        behaviour.set(next);
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Behaviour now = behaviour.get();
                Thread.ofVirtual().start(() -> serve(socket, now));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, Behaviour now) {
        try (socket) {
            readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            switch (now) {
                case GOOD -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
                case RESET_MID_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "a".repeat(100)));
                    out.flush();
                    socket.setSoLinger(true, 0);
                }
                case GARBAGE_STATUS_LINE -> out.write(ascii("SSH-2.0-OpenSSH_9.6 garbage\r\n\r\n"));
                case OVERSIZED_HEADERS ->
                    out.write(ascii(
                            "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\nok"));
                case BODY_NEVER_ENDS -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "c".repeat(10)));
                    out.flush();
                    closed.await();
                }
            }
            out.flush();
        } catch (IOException e) {
            // The agent may close first; that is part of the test.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.size() < 65_536) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A port nothing listens on (bound, then released). */
    static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.interrupt();
    }
}
