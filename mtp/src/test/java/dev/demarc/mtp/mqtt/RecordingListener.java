package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link TransportListener} that queues what it is told, for tests to take in order. */
final class RecordingListener implements TransportListener {

    /** How long a test waits for something that should happen; a bound, not a measurement. */
    static final Duration WAIT = Duration.ofSeconds(20);

    record Received(byte[] record, MtpAddress from) {
    }

    record Disconnected(MtpAddress peer, String reason) {
    }

    private final BlockingQueue<Received> records = new LinkedBlockingQueue<>();
    private final BlockingQueue<MtpAddress> connects = new LinkedBlockingQueue<>();
    private final BlockingQueue<Disconnected> disconnects = new LinkedBlockingQueue<>();

    @Override
    public void recordReceived(byte[] record, MtpAddress from) {
        records.add(new Received(record, from));
    }

    @Override
    public void connected(MtpAddress peer) {
        connects.add(peer);
    }

    @Override
    public void disconnected(MtpAddress peer, String reason) {
        disconnects.add(new Disconnected(peer, reason));
    }

    Received nextRecord() {
        return take(records, "a received record");
    }

    MtpAddress awaitConnected() {
        return take(connects, "connected(...)");
    }

    Disconnected awaitDisconnected() {
        return take(disconnects, "disconnected(...)");
    }

    /** How many connected(...) calls are queued, not yet taken. */
    int connectedCount() {
        return connects.size();
    }

    /** How many disconnected(...) calls are queued, not yet taken. */
    int disconnectedCount() {
        return disconnects.size();
    }

    private static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                fail("no " + what + " within " + WAIT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
