package dev.triage.console.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 over a socket bound to a chosen loopback address: how a test speaks as another client. */
final class Sockets {

    private Sockets() {}

    /**
     * Sends {@code request} (a whole HTTP/1.1 request, {@code Connection: close}) to {@code server}
     * from a socket bound to {@code from}, reads the answer to its end; its status code.
     */
    static int exchange(String from, URI server, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            in.readAllBytes();
            String[] parts = line.toString().split(" ");
            if (parts.length < 2) {
                throw new IOException("no status line from " + server + ": '" + line + "'");
            }
            return Integer.parseInt(parts[1]);
        }
    }
}
