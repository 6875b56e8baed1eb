package io.hyperloom.search.data;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP server on 127.0.0.1 (port chosen by the system) serving files from memory: 404 for
 * unknown paths, and for paths registered with {@link #truncate} a body that stops halfway
 * through its announced Content-Length.
 */
public final class LocalServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> truncated = new ConcurrentHashMap<>();

    public LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            try (exchange) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                if (truncated.containsKey(name)) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    // closing early makes the server drop the connection mid-body
                    throw new IOException("truncating on purpose");
                }
                out.write(body);
            }
        });
        server.start();
    }

    public LocalServer serve(String name, byte[] body) {
        files.put(name, body);
        return this;
    }

    public LocalServer truncate(String name) {
        truncated.put(name, true);
        return this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
