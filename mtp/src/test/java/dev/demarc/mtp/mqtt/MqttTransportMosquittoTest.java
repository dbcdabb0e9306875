package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The shared contract against an external broker, such as the Debian mosquitto that
 * {@code .ci/run} starts: set {@value #ENV} to {@code host:port} (a listener on plain TCP that
 * allows anonymous clients). Skipped when the variable is not set.
 */
class MqttTransportMosquittoTest extends MqttTransportContract {

    static final String ENV = "DEMARC_TEST_MOSQUITTO";

    private static String host;
    private static int port;

    @BeforeAll
    static void externalBroker() {
        String value = System.getenv(ENV);
        assumeTrue(value != null && !value.isBlank(), ENV + " is not set: no external broker to test against");
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(ENV + " must be host:port, not " + value);
        }
        host = value.substring(0, colon).replace("[", "").replace("]", "");
        port = Integer.parseInt(value.substring(colon + 1).trim());
    }

    @Override
    protected String brokerHost() {
        return host;
    }

    @Override
    protected int brokerPort() {
        return port;
    }
}
