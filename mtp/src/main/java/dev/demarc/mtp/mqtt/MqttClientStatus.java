package dev.demarc.mtp.mqtt;

/** The state of an MQTT client, as TR-181 {@code Device.MQTT.Client.{i}.Status} reports it. */
public enum MqttClientStatus {
    /** Not started, or closed. */
    DISABLED("Disabled"),
    /** A connection attempt is under way. */
    CONNECTING("Connecting"),
    /** Connected to the broker and subscribed: records flow. */
    CONNECTED("Connected"),
    /**
     * The configuration cannot work: bad TLS files, credentials refused, or nothing to subscribe
     * to (R-MQTT.16). Retried with back-off, except when there is nothing to subscribe to.
     */
    ERROR_MISCONFIGURED("Error_Misconfigured"),
    /** The last attempt could not reach the broker; the next attempt waits for its back-off. */
    ERROR_BROKER_UNREACHABLE("Error_BrokerUnreachable"),
    /** The last attempt failed for another reason; the next attempt waits for its back-off. */
    ERROR("Error");

    private final String tr181Name;

    MqttClientStatus(String tr181Name) {
        this.tr181Name = tr181Name;
    }

    /** The value of {@code Device.MQTT.Client.{i}.Status}. */
    public String tr181Name() {
        return tr181Name;
    }
}
