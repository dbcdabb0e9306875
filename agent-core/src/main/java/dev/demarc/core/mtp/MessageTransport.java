package dev.demarc.core.mtp;

import java.util.concurrent.CompletableFuture;

/**
 * One message transfer protocol endpoint of the agent (TR-369 "MTP"): an MQTT client
 * connection, a WebSocket client connection to a controller, or a WebSocket server that
 * controllers connect to. It moves USP Records as opaque bytes; it knows nothing of protobuf.
 *
 * <p>It owns its threads and connections: {@link #start} starts them, {@link #close} stops them
 * (after sending nothing more). It reconnects on its own after a failure, with the back-off it
 * was configured with, until closed.
 */
public interface MessageTransport extends AutoCloseable {

    /** Which MTP this is, as TR-181 names it in {@code Device.LocalAgent.MTP.{i}.Protocol}. */
    String protocol();

    /**
     * Starts connecting or listening. Received records and connection changes go to
     * {@code listener}, called on the transport's own threads: it must copy what it needs and
     * hand the work off at once.
     */
    void start(TransportListener listener);

    /**
     * Sends one USP Record to {@code to}. The future completes when the transport has handed the
     * record over (MQTT: PUBACK for QoS 1; WebSocket: written to the socket), or fails with the
     * reason (not connected, no such peer, record too large). The record is handed over: the
     * transport may keep the array until then, and the caller does not change it.
     */
    CompletableFuture<Void> send(MtpAddress to, byte[] record);

    /** Stops: closes connections cleanly and stops the transport's threads. */
    @Override
    void close();
}
