package io.hyperloom.cluster;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a hyperloom process joins its cluster: the cluster's name, the TCP-IP member list (no
 * multicast), the interface to bind and the first port to try.
 *
 * @param name      the cluster name; members with another name are refused
 * @param members   addresses to join through: {@code host}, {@code host:port} or {@code host:port-port}
 * @param iface     the one interface this member binds to and announces (loopback by default)
 * @param port      the first port tried; the next ones are tried when it is taken
 */
public record ClusterSettings(String name, List<String> members, String iface, int port) {

    public static final String DEFAULT_INTERFACE = "127.0.0.1";
    public static final int DEFAULT_PORT = 5701;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cluster name must be 1-100 letters, digits, '.', '_' or '-', got '"
                    + name + "'");
        }
        members = List.copyOf(members).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (members.isEmpty()) {
            throw new IllegalArgumentException("--members must name at least one host (host, host:port or "
                    + "host:port-port), e.g. 127.0.0.1");
        }
        Objects.requireNonNull(iface, "iface");
        if (iface.isBlank()) {
            throw new IllegalArgumentException("--interface must be an address such as 127.0.0.1 or 10.0.0.*");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 1..65535, got " + port);
        }
    }

    /** Loopback on the default port. */
    public static ClusterSettings loopback(String name) {
        return new ClusterSettings(name, List.of(DEFAULT_INTERFACE), DEFAULT_INTERFACE, DEFAULT_PORT);
    }

    /** {@code members} split at commas. */
    public static ClusterSettings of(String name, String members, String iface, int port) {
        return new ClusterSettings(name, List.of(members.split(",")), iface, port);
    }

    public ClusterSettings withPort(int port) {
        return new ClusterSettings(name, members, iface, port);
    }
}
