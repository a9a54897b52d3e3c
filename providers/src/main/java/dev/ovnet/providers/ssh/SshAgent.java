package dev.ovnet.providers.ssh;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;

/**
 * A client of a running ssh-agent ({@code SSH_AUTH_SOCK}), speaking the agent protocol (draft-miller-ssh-agent)
 * over the UNIX socket that Java 16+ opens natively: list the identities, and have the agent sign the
 * authentication data. The private keys never leave the agent. sshj has no agent support of its own.
 */
final class SshAgent implements Closeable {

    private static final int FAILURE = 5;
    private static final int REQUEST_IDENTITIES = 11;
    private static final int IDENTITIES_ANSWER = 12;
    private static final int SIGN_REQUEST = 13;
    private static final int SIGN_RESPONSE = 14;
    /** Sign with rsa-sha2-512 instead of the SHA-1 "ssh-rsa" signature OpenSSH servers refuse today. */
    static final int RSA_SHA2_512 = 4;
    private static final int MAX_MESSAGE = 256 * 1024;

    private final SocketChannel channel;

    private SshAgent(SocketChannel channel) {
        this.channel = channel;
    }

    static SshAgent connect(String socketPath) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            return new SshAgent(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** One key the agent holds: its public blob, the key read from it, and the agent's comment. */
    record Identity(byte[] blob, PublicKey key, String comment) {
    }

    /** The agent's keys that sshj can read (others, such as FIDO keys, are skipped). */
    synchronized List<Identity> identities() throws IOException {
        Buffer.PlainBuffer answer = call(REQUEST_IDENTITIES, new byte[0], IDENTITIES_ANSWER);
        try {
            long count = answer.readUInt32();
            List<Identity> identities = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                byte[] blob = answer.readBytes();
                String comment = answer.readString(StandardCharsets.UTF_8);
                try {
                    identities.add(new Identity(blob, new Buffer.PlainBuffer(blob).readPublicKey(), comment));
                } catch (Buffer.BufferException | RuntimeException e) {
                    // a key type sshj does not know; the other keys may still work
                }
            }
            return identities;
        } catch (Buffer.BufferException e) {
            throw new IOException("ssh-agent sent a malformed list of keys", e);
        }
    }

    /** The agent's signature of {@code data} with the key {@code blob}, as an SSH signature blob. */
    synchronized byte[] sign(byte[] blob, byte[] data, int flags) throws IOException {
        byte[] request = new Buffer.PlainBuffer().putBytes(blob).putBytes(data).putUInt32(flags).getCompactData();
        try {
            return call(SIGN_REQUEST, request, SIGN_RESPONSE).readBytes();
        } catch (Buffer.BufferException e) {
            throw new IOException("ssh-agent sent a malformed signature", e);
        }
    }

    private Buffer.PlainBuffer call(int type, byte[] payload, int expected) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(5 + payload.length);
        out.putInt(1 + payload.length).put((byte) type).put(payload).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        int length = readFully(4).getInt();
        if (length < 1 || length > MAX_MESSAGE) {
            throw new IOException("ssh-agent sent a message of " + length + " bytes");
        }
        ByteBuffer message = readFully(length);
        int answer = message.get() & 0xff;
        if (answer != expected) {
            throw new IOException(answer == FAILURE ? "ssh-agent refused the request"
                    : "ssh-agent answered with message type " + answer);
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream(message.remaining());
        rest.write(message.array(), message.position(), message.remaining());
        return new Buffer.PlainBuffer(rest.toByteArray());
    }

    private ByteBuffer readFully(int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("ssh-agent closed the connection");
            }
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
