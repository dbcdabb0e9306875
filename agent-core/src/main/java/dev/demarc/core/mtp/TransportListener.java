package dev.demarc.core.mtp;

/**
 * What a {@link MessageTransport} tells the agent. Called on the transport's threads: copy and
 * hand off at once; never block (Paho holds its acknowledgements while a callback runs).
 */
public interface TransportListener {

    /** A USP Record arrived from {@code from}; {@code record} is the transport's own copy. */
    void recordReceived(byte[] record, MtpAddress from);

    /**
     * The transport can now reach {@code peer} (MQTT: connected to the broker and subscribed,
     * {@code peer} names the broker connection; WebSocket: a controller's connection is open).
     * The agent sends the MTP's connect record and anything waiting.
     */
    void connected(MtpAddress peer);

    /** The transport lost {@code peer}; {@code reason} says why, for the logs and the CLI. */
    void disconnected(MtpAddress peer, String reason);
}
