package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link TransportListener} that queues what it is told, for tests to wait on. */
final class RecordingListener implements TransportListener {

    static final long WAIT_SECONDS = 20;

    record Received(byte[] record, MtpAddress from) {
    }

    record Disconnected(MtpAddress peer, String reason) {
    }

    final BlockingQueue<Received> records = new LinkedBlockingQueue<>();
    final BlockingQueue<MtpAddress> connected = new LinkedBlockingQueue<>();
    final BlockingQueue<Disconnected> disconnected = new LinkedBlockingQueue<>();

    @Override
    public void recordReceived(byte[] record, MtpAddress from) {
        records.add(new Received(record, from));
    }

    @Override
    public void connected(MtpAddress peer) {
        connected.add(peer);
    }

    @Override
    public void disconnected(MtpAddress peer, String reason) {
        disconnected.add(new Disconnected(peer, reason));
    }

    Received nextRecord() throws InterruptedException {
        return take(records, "a record");
    }

    MtpAddress nextConnected() throws InterruptedException {
        return take(connected, "connected()");
    }

    Disconnected nextDisconnected() throws InterruptedException {
        return take(disconnected, "disconnected()");
    }

    static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(item, "no " + what + " within " + WAIT_SECONDS + " s");
        return item;
    }
}
