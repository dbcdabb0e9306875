package dev.demarc.core.usp;

import dev.demarc.core.usp.proto.UspRecord;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the records this agent sends (TR-369 "Record Definition"): responses in
 * {@code no_session_context} records, and the MTP connect and disconnect records the wiring
 * layer sends when a connection comes up or goes down. Immutable; any thread.
 */
public final class UspRecords {

    /** Major.minor, as the {@code version} field holds it. */
    static final Pattern VERSION = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}");
    /** Longest endpoint ID accepted (TR-181 EndpointID is a string of up to 256 characters). */
    static final int MAX_ENDPOINT_ID_LENGTH = 1024;

    /** The MQTT protocol level a connect record announces. */
    public enum MqttVersion { V3_1_1, V5 }

    private final String version;
    private final String agentEndpointId;

    /**
     * @param version         the USP version this agent speaks, e.g. {@code "1.4"}
     * @param agentEndpointId this agent's endpoint ID, the {@code from_id} of every record
     */
    public UspRecords(String version, String agentEndpointId) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("not a major.minor version: " + version);
        }
        if (agentEndpointId.isEmpty() || agentEndpointId.length() > MAX_ENDPOINT_ID_LENGTH) {
            throw new IllegalArgumentException("endpoint ID must have 1 to " + MAX_ENDPOINT_ID_LENGTH + " characters");
        }
        this.version = version;
        this.agentEndpointId = agentEndpointId;
    }

    public String version() {
        return version;
    }

    public String agentEndpointId() {
        return agentEndpointId;
    }

    /**
     * A plaintext record outside any session context carrying one encoded Msg to {@code toId};
     * written straight into one array ({@link UspWire}), the bytes the generated classes write.
     */
    public byte[] noSessionContext(String toId, byte[] msg) {
        Objects.requireNonNull(toId, "toId");
        Objects.requireNonNull(msg, "msg");
        return UspWire.noSessionContext(version, toId, agentEndpointId, msg);
    }

    /** The MQTTConnectRecord announcing the topic this agent is subscribed to. */
    public byte[] mqttConnect(String toId, MqttVersion mqttVersion, String subscribedTopic) {
        Objects.requireNonNull(mqttVersion, "mqttVersion");
        Objects.requireNonNull(subscribedTopic, "subscribedTopic");
        return header(toId)
                .setMqttConnect(UspRecord.MQTTConnectRecord.newBuilder()
                        .setVersion(mqttVersion == MqttVersion.V5
                                ? UspRecord.MQTTConnectRecord.MQTTVersion.V5
                                : UspRecord.MQTTConnectRecord.MQTTVersion.V3_1_1)
                        .setSubscribedTopic(subscribedTopic))
                .build().toByteArray();
    }

    /** The WebSocketConnectRecord sent once a WebSocket connection to {@code toId} is open. */
    public byte[] webSocketConnect(String toId) {
        return header(toId).setWebsocketConnect(UspRecord.WebSocketConnectRecord.getDefaultInstance())
                .build().toByteArray();
    }

    /**
     * The UDSConnectRecord sent once a Unix domain socket connection with {@code toId} has
     * completed its handshake (TR-369 R-MTP.6, "Unix Domain Socket Binding").
     */
    public byte[] udsConnect(String toId) {
        return header(toId).setUdsConnect(UspRecord.UDSConnectRecord.getDefaultInstance())
                .build().toByteArray();
    }

    /**
     * A DisconnectRecord (R-MTP.7, R-MTP.9) with a reason for people and a code; {@code
     * reasonCode} 0 leaves the code out.
     */
    public byte[] disconnect(String toId, String reason, int reasonCode) {
        Objects.requireNonNull(reason, "reason");
        return header(toId)
                .setDisconnect(UspRecord.DisconnectRecord.newBuilder().setReason(reason).setReasonCode(reasonCode))
                .build().toByteArray();
    }

    /** A DisconnectRecord with one of the record error codes. */
    public byte[] disconnect(String toId, String reason, UspRecordError code) {
        return disconnect(toId, reason, code.code());
    }

    private UspRecord.Record.Builder header(String toId) {
        Objects.requireNonNull(toId, "toId");
        return UspRecord.Record.newBuilder()
                .setVersion(version)
                .setToId(toId)
                .setFromId(agentEndpointId)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT);
    }
}
