package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** Which failures of a call are worth trying again on another etcd member, and which are final. */
class EtcdKvRetryTest {

    @Test
    void aCallWrittenToTheConnectionOfADeadMemberIsTriedAgain() {
        // what CI saw when the leader of a three-member etcd was killed: UNKNOWN "channel closed"
        Status closed = Status.UNKNOWN.withDescription("channel closed").withCause(new ClosedChannelException());
        assertTrue(EtcdKv.isUnavailable(closed.asRuntimeException()));
        assertTrue(EtcdKv.isUnavailable(EtcdExceptionFactory.toEtcdException(closed)));
    }

    @Test
    void unavailableAndDeadlinesAreTriedAgain() {
        assertTrue(EtcdKv.isUnavailable(Status.UNAVAILABLE.asRuntimeException()));
        assertTrue(EtcdKv.isUnavailable(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    }

    @Test
    void refusalsAndOtherUnknownFailuresAreFinal() {
        assertFalse(EtcdKv.isUnavailable(Status.PERMISSION_DENIED.asRuntimeException()));
        assertFalse(EtcdKv.isUnavailable(Status.INVALID_ARGUMENT.withDescription("too many operations in txn")
                .asRuntimeException()));
        assertFalse(EtcdKv.isUnavailable(Status.UNKNOWN.withDescription("boom").withCause(new IOException("x"))
                .asRuntimeException()));
    }
}
