package dev.ovnet.forwarder.tun;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;

/**
 * The C library calls the forwarder needs. Pointers are passed as {@code long} addresses of direct buffers: no
 * marshalling, no copies, no allocation per call. Only calls whose errno matters save it.
 */
public interface LibC {

    @SaveError
    int open(String path, int flags);

    @IgnoreError
    int close(int fd);

    @SaveError
    long read(int fd, long buf, long count);

    @SaveError
    long write(int fd, long buf, long count);

    @SaveError
    long writev(int fd, long iov, int iovcnt);

    @SaveError
    int ioctl(int fd, long request, long arg);

    @SaveError
    int fcntl(int fd, int cmd, int arg);

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, long addr, int addrlen);

    @SaveError
    int setsockopt(int fd, int level, int name, long value, int len);

    @SaveError
    int getsockopt(int fd, int level, int name, long value, long lenPtr);

    @SaveError
    long sendmsg(int fd, long msghdr, int flags);

    @SaveError
    int sendmmsg(int fd, long msgvec, int vlen, int flags);

    @SaveError
    int recvmmsg(int fd, long msgvec, int vlen, int flags, long timeout);

    @SaveError
    int poll(long fds, long nfds, int timeout);

    @SaveError
    int eventfd(int initval, int flags);

    @IgnoreError
    String strerror(int errnum);
}
