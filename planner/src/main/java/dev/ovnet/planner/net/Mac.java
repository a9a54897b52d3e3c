package dev.ovnet.planner.net;


/** A 48-bit MAC address, printed lower-case and colon-separated as Go's HardwareAddr.String() does. */
public record Mac(long bits) {

    public Mac {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC out of range");
        }
    }

    public static Mac parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long value = 0;
        for (String part : parts) {
            if (part.length() != 2 || !isHex(part.charAt(0)) || !isHex(part.charAt(1))) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            value = (value << 8) | Integer.parseInt(part, 16);
        }
        return new Mac(value);
    }

    /** Only 0-9, a-f, A-F: Integer.parseInt alone would also take a sign or another script's digits. */
    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * The VTEP MAC of a host, derived from the network's lineage-independent identity (network name, VNI)
     * and the host's lease, so the plan knows it before anything runs and a reboot never changes it
     * (flannel draws a random one per boot in etcd mode, which breaks traffic until every peer restarts). Locally
     * administered, unicast: the first octet is {@code (b & 0xfe) | 0x02}, like flannel's random MACs.
     */
    public static Mac forLease(String networkName, int vni, Cidr lease) {
        return fromSeed(networkName + "/" + vni + "/" + lease);
    }

    /**
     * The VTEP MAC of a host's IPv6 vxlan device ({@code flannel-v6.<vni>}), derived the same way from its IPv6 lease.
     * The seed holds the IPv6 lease's text, which has colons and no IPv4 lease's text has, so the two MACs of a host
     * come from different seeds.
     */
    public static Mac forLease6(String networkName, int vni, Cidr6 lease6) {
        return fromSeed(networkName + "/" + vni + "/" + lease6);
    }

    private static Mac fromSeed(String seed) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64
        for (int i = 0; i < seed.length(); i++) {
            h ^= seed.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= (h >>> 29);
        h *= 0xbf58476d1ce4e5b9L;
        h ^= (h >>> 32);
        long value = h & 0xffff_ffff_ffffL;
        long first = ((value >>> 40) & 0xfe) | 0x02;
        return new Mac((first << 40) | (value & 0xff_ffff_ffffL));
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String toString() {
        char[] out = new char[17];
        int pos = 0;
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (pos > 0) {
                out[pos++] = ':';
            }
            int b = (int) (bits >>> shift) & 0xff;
            out[pos++] = HEX[b >>> 4];
            out[pos++] = HEX[b & 0xf];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mac other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }
}
