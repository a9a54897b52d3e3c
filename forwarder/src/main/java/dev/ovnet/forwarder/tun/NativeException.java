package dev.ovnet.forwarder.tun;

import java.io.IOException;

/** A failed system call, with its errno, so callers can tell "unsupported" from "broken". */
public class NativeException extends IOException {

    private final int errno;

    public NativeException(String call, int errno) {
        super(call + ": " + Native.describe(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
