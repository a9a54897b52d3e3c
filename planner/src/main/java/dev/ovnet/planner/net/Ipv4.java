package dev.ovnet.planner.net;

/** An IPv4 address held as an unsigned 32-bit value; ordering follows the numeric value. */
public record Ipv4(int bits) implements Comparable<Ipv4>, IpAddress {

    public static Ipv4 parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !isAsciiDigits(part)
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            value = (value << 8) | octet;
        }
        return new Ipv4(value);
    }

    /** True when {@code text} is only 0-9: {@link Character#isDigit} would also let other scripts' digits in. */
    static boolean isAsciiDigits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public long unsigned() {
        return bits & 0xffffffffL;
    }

    public Ipv4 plus(long n) {
        return new Ipv4((int) (unsigned() + n));
    }

    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    // hand-written: these are compared millions of times in large plans, and record equality goes through
    // method handles that the JVM's quick compiler does not inline
    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4 other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }
}
