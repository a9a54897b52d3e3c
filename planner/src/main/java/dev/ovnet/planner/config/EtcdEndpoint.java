package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One etcd client URL of the state block: {@code http} or {@code https}, a host (a name, an IPv4 address or an
 * IPv6 literal in brackets) and a port. The scheme says what goes over the wire, so ovnet holds it to that:
 * {@code https} always means verified TLS, one list never mixes the two schemes (the client speaks TLS to all
 * members or to none), and a password goes over plain {@code http} only to this machine's loopback, where no one
 * on the network can read it. The config reader and the etcd client apply these rules with the same words.
 */
public record EtcdEndpoint(String text, boolean https, String host, int port) {

    private static final Pattern URL =
            Pattern.compile("(https?)://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?):([0-9]{1,5})");

    /** The hint for an endpoint that must become https, with the CA file it may need. */
    private static final String HTTPS_HINT = "verified TLS; add caFile when etcd's CA is not in the system's trust store";

    /** The endpoint {@code text} stands for, if it is {@code scheme://host:port} with a port from 1 to 65535. */
    public static Optional<EtcdEndpoint> parse(String text) {
        Matcher matcher = URL.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(matcher.group(4));
        if (port < 1 || port > 65_535) {
            return Optional.empty();
        }
        return Optional.of(new EtcdEndpoint(text, "https".equals(matcher.group(1)), matcher.group(2), port));
    }

    /**
     * Whether the host is this machine's loopback: {@code localhost}, 127.0.0.0/8 or {@code [::1]}. Only
     * literals are looked at; a name other than localhost is never resolved (its address may change later).
     */
    public boolean loopback() {
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        if (host.startsWith("[")) {
            String literal = host.substring(1, host.length() - 1);
            try {
                // a literal with ':' is parsed as IPv6, never looked up in DNS
                return literal.contains(":") && InetAddress.getByName(literal).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        try {
            return Ipv4.parse(host).bits() >>> 24 == 127;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The index of the first endpoint whose scheme differs from the first one's, or -1 when all agree. */
    public static int mixedSchemeAt(List<EtcdEndpoint> endpoints) {
        for (int i = 1; i < endpoints.size(); i++) {
            if (endpoints.get(i).https() != endpoints.get(0).https()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first endpoint a password would cross in clear, or -1: one that is {@code http}, with no
     * TLS file given (which would switch TLS on), and not loopback.
     */
    public static int clearPasswordAt(List<EtcdEndpoint> endpoints, boolean tlsFiles) {
        if (tlsFiles) {
            return -1;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            if (!endpoints.get(i).https() && !endpoints.get(i).loopback()) {
                return i;
            }
        }
        return -1;
    }

    /** What {@link #mixedSchemeAt} found, for a message: the endpoint at {@code i} against the first one. */
    public static String mixedSchemeMessage(List<EtcdEndpoint> endpoints, int i) {
        return "state.endpoints[" + i + "] " + endpoints.get(i).text() + " is " + endpoints.get(i).scheme()
                + " but state.endpoints[0] " + endpoints.get(0).text() + " is " + endpoints.get(0).scheme()
                + ": one list of endpoints uses one scheme";
    }

    public static String mixedSchemeHint() {
        return "write every endpoint with https:// (" + HTTPS_HINT + ")";
    }

    /** What {@link #clearPasswordAt} found, for a message. */
    public String clearPasswordMessage(int index, String username) {
        return "state.endpoints[" + index + "] " + text + " would carry the password of etcd user " + username
                + " in clear: plain http:// is readable by anyone on the way";
    }

    public String clearPasswordHint() {
        return "write https://" + host + ":" + port + " (" + HTTPS_HINT + "), or reach etcd on a loopback "
                + "endpoint such as http://127.0.0.1:2379 (e.g. through an SSH tunnel)";
    }

    private String scheme() {
        return https ? "https://" : "http://";
    }
}
