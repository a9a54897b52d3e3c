package dev.ovnet.providers.ssh;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * The {@code publickey} method (RFC 4252 §7) with one key held by ssh-agent: first the key alone (the server
 * answers PK_OK if it would accept it), then the request signed by the agent. RSA keys sign with
 * {@code rsa-sha2-512}.
 */
final class AgentAuth extends AbstractAuthMethod {

    private final SshAgent agent;
    private final SshAgent.Identity identity;
    private final String algorithm;
    private final int flags;

    AgentAuth(SshAgent agent, SshAgent.Identity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
        String type = KeyType.fromKey(identity.key()).toString();
        boolean rsa = "ssh-rsa".equals(type);
        this.algorithm = rsa ? "rsa-sha2-512" : type;
        this.flags = rsa ? SshAgent.RSA_SHA2_512 : 0;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return withKey(super.buildReq().putBoolean(false));
    }

    @Override
    public void handle(Message message, SSHPacket packet) throws UserAuthException, TransportException {
        if (message != Message.USERAUTH_60) {
            super.handle(message, packet);
            return;
        }
        SSHPacket signed = withKey(super.buildReq().putBoolean(true));
        byte[] data = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(signed)
                .getCompactData();
        try {
            signed.putBytes(agent.sign(identity.blob(), data, flags));
        } catch (IOException e) {
            throw new UserAuthException("ssh-agent could not sign with " + identity.comment(), e);
        }
        params.getTransport().write(signed);
    }

    private SSHPacket withKey(SSHPacket request) {
        request.putString(algorithm).putBytes(identity.blob());
        return request;
    }

    @Override
    public String toString() {
        return "ssh-agent key " + identity.comment();
    }
}
