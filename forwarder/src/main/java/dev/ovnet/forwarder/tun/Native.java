package dev.ovnet.forwarder.tun;

import com.kenai.jffi.MemoryIO;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded C library, errno, and direct buffers with their native addresses. Linux x86_64 and arm64 only. */
public final class Native {

    public static final LibC C = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(C);
    private static final MemoryIO MEMORY = MemoryIO.getInstance();

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EEXIST = 17;
    public static final int ENOPROTOOPT = 92;
    public static final int EOPNOTSUPP = 95;

    private Native() {
    }

    public static int errno() {
        return RUNTIME.getLastError();
    }

    /** A zeroed direct buffer in the machine's byte order, as C sees memory. */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }

    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return MEMORY.getDirectBufferAddress(direct);
    }

    /**
     * ioctl with a struct in {@code arg}. The buffer is kept reachable until the call returns: a direct buffer
     * whose address alone is in use can be collected, and its memory freed, in the middle of a call.
     */
    public static int ioctl(int fd, long request, ByteBuffer arg) {
        try {
            return C.ioctl(fd, request, address(arg));
        } finally {
            Reference.reachabilityFence(arg);
        }
    }

    /** Throws a {@link NativeException} naming {@code what} when {@code rc} is negative. */
    public static long check(long rc, String what) throws NativeException {
        if (rc < 0) {
            throw new NativeException(what, errno());
        }
        return rc;
    }

    public static String describe(int errno) {
        String text = C.strerror(errno);
        return text == null ? "errno " + errno : text;
    }
}
