package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * The listening socket, which can be closed (connections refused) and opened again on the same port
 * (SO_REUSEADDR). Each open period has its own accept loop on a virtual thread.
 */
final class Listener {
    private static final int BACKLOG = 512;

    private final String host;
    private final Consumer<Socket> onAccept;
    private int port;
    private ServerSocket server;

    Listener(String host, int port, Consumer<Socket> onAccept) {
        this.host = requireNonNull(host, "host");
        this.port = port;
        this.onAccept = requireNonNull(onAccept, "onAccept");
    }

    /** Binds (the first time on the requested port, afterwards on the port first bound). */
    synchronized void open() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        port = socket.getLocalPort();
        server = socket;
        Thread.ofVirtual().name("hosp-accept-" + port).start(() -> acceptLoop(socket));
    }

    /** Stops listening: new connections are refused until {@link #open()}. */
    synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        server = null;
    }

    synchronized int port() {
        return port;
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                onAccept.accept(socket.accept());
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }
}
