package dev.ovnet.forwarder;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the peer-table file that apply writes ({@code ForwarderPeers}): lines {@code <subnet> <address>:<port>},
 * {@code #} comments and blank lines. A file with any bad line is refused as a whole, so a half-written or
 * wrong table never replaces a good one.
 */
public final class PeerFile {

    /** One peer line. */
    public record Entry(Cidr subnet, Ipv4 address, int port) {
    }

    private PeerFile() {
    }

    /** Parses {@code text} from {@code file}; every subnet must lie in {@code pool} and apart from {@code own}. */
    public static List<Entry> parse(String file, String text, Cidr pool, Cidr own) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            Entry entry = parseLine(file, n + 1, content);
            String where = file + ":" + (n + 1) + ": ";
            if (!pool.contains(entry.subnet())) {
                throw bad(where + entry.subnet() + " is outside the pool " + pool);
            }
            if (entry.subnet().overlaps(own)) {
                throw bad(where + entry.subnet() + " overlaps this host's own subnet " + own);
            }
            for (Entry other : entries) {
                if (other.subnet().overlaps(entry.subnet())) {
                    throw bad(where + entry.subnet() + " overlaps " + other.subnet() + " given earlier");
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    private static Entry parseLine(String file, int line, String content) {
        String where = file + ":" + line + ": ";
        String[] fields = content.split("\\s+");
        if (fields.length != 2) {
            throw bad(where + "expected '<subnet> <address>:<port>', found '" + content + "'");
        }
        int colon = fields[1].lastIndexOf(':');
        if (colon < 0) {
            throw bad(where + "the peer '" + fields[1] + "' has no port (write <address>:<port>)");
        }
        try {
            Cidr subnet = Cidr.parse(fields[0]);
            Ipv4 address = Ipv4.parse(fields[1].substring(0, colon));
            String portText = fields[1].substring(colon + 1);
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad port '" + portText + "'");
            }
            int port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
            }
            return new Entry(subnet, address, port);
        } catch (IllegalArgumentException e) {
            throw bad(where + e.getMessage());
        }
    }

    private static ForwarderException bad(String message) {
        return new ForwarderException(message, "fix the peer file (ovnet apply rewrites it) and send SIGHUP");
    }
}
