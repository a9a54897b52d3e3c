package dev.ovnet.providers.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.SocketFactory;
import jnr.ffi.LibraryLoader;

/**
 * Sockets that live in another network namespace while the rest of the JVM stays in the root one. A socket
 * belongs to the namespace of the thread that creates it, and {@code setns(2)} moves a single thread: so each
 * socket is created by a fresh thread that joins the namespace, opens an unconnected {@link SocketChannel} and
 * ends. sshj then connects that socket to the real address (192.0.2.x port 22) as it would any other.
 */
final class NetnsSockets extends SocketFactory {

    /** The three libc calls needed, through jnr-ffi (already a providers dependency). */
    public interface LibC {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

    private final String netns;

    NetnsSockets(String netns) {
        this.netns = netns;
    }

    @Override
    public Socket createSocket() throws IOException {
        CompletableFuture<SocketChannel> channel = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            int fd = LIBC.open("/run/netns/" + netns, O_RDONLY_CLOEXEC);
            if (fd < 0) {
                channel.completeExceptionally(new IOException("cannot open /run/netns/" + netns));
                return;
            }
            try {
                if (LIBC.setns(fd, CLONE_NEWNET) != 0) {
                    channel.completeExceptionally(new IOException("setns into " + netns + " failed"));
                    return;
                }
                channel.complete(SocketChannel.open());
            } catch (IOException | RuntimeException e) {
                channel.completeExceptionally(e);
            } finally {
                LIBC.close(fd);
            }
        }, "netns-socket-" + netns);
        thread.start();
        try {
            return channel.get().socket();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("connect the socket from createSocket()");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("connect the socket from createSocket()");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("connect the socket from createSocket()");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("connect the socket from createSocket()");
    }
}
