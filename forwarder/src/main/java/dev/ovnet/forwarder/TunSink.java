package dev.ovnet.forwarder;

import dev.ovnet.forwarder.tun.NativeException;

/** Where accepted packets of a receive batch go: straight into the TUN, or through the TCP coalescer. */
interface TunSink {

    /** A checked packet of {@code length} bytes at {@code offset} of the receive buffer. */
    void add(int offset, int length) throws NativeException;

    /** Writes whatever is held; called at the end of every receive batch. */
    void flush() throws NativeException;
}
