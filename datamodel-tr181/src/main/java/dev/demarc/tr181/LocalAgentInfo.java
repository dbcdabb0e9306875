package dev.demarc.tr181;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * What the agent tells about itself in {@code Device.LocalAgent.}.
 *
 * @param endpointId         its USP Endpoint ID (TR-369): {@code authority-scheme ":" [authority-id]
 *                           ":" instance-id}, e.g. {@code os::00D09E-SN1234}; printable ASCII
 * @param softwareVersion    the agent's version, string(64)
 * @param upTimeSeconds      seconds since the agent started; called on the data model's owner
 *                           thread, must not block
 * @param supportedProtocols the message transfer protocols the agent has running, each one of
 *                           the standard's {@link #PROTOCOLS}, no repeats. The standard wants at
 *                           least one; while there is none (no MTP yet) {@code SupportedProtocols}
 *                           reads as an error rather than as a protocol the agent cannot speak.
 */
public record LocalAgentInfo(String endpointId, String softwareVersion, LongSupplier upTimeSeconds,
                             List<String> supportedProtocols) {

    /** The protocols {@code SupportedProtocols} may list (TR-181 2.19, USP). */
    public static final List<String> PROTOCOLS = List.of("WebSocket", "STOMP", "MQTT", "UDS");

    /** Demarc's bound on an Endpoint ID (TR-369 gives none). */
    public static final int MAX_ENDPOINT_ID_LENGTH = 1024;

    private static final Pattern ENDPOINT_ID = Pattern.compile("[a-z][a-z0-9-]*:[!-9;-~]*:[!-~]+");

    public LocalAgentInfo {
        Objects.requireNonNull(endpointId, "endpointId");
        if (endpointId.length() > MAX_ENDPOINT_ID_LENGTH || !ENDPOINT_ID.matcher(endpointId).matches()) {
            throw new IllegalArgumentException("not a USP Endpoint ID (scheme:[authority]:instance): " + endpointId);
        }
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        if (softwareVersion.length() > 64) {
            throw new IllegalArgumentException("softwareVersion is longer than 64 characters");
        }
        Objects.requireNonNull(upTimeSeconds, "upTimeSeconds");
        supportedProtocols = List.copyOf(supportedProtocols);
        Set<String> seen = new HashSet<>();
        for (String p : supportedProtocols) {
            if (!PROTOCOLS.contains(p) || !seen.add(p)) {
                throw new IllegalArgumentException("supportedProtocols: " + p
                        + (PROTOCOLS.contains(p) ? " given twice" : " is not one of " + PROTOCOLS));
            }
        }
    }

    /**
     * The Endpoint ID of TR-369's {@code os} scheme for a device: {@code os::<OUI>-<SerialNumber>},
     * the serial number's characters other than letters, digits and {@code -._~} percent-encoded
     * (UTF-8). Empty when the OUI is not six upper-case hex digits or the serial number is empty.
     */
    public static Optional<String> osEndpointId(String oui, String serialNumber) {
        if (oui == null || !oui.matches("[0-9A-F]{6}") || serialNumber == null || serialNumber.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("os::").append(oui).append('-');
        for (byte b : serialNumber.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return Optional.of(sb.toString());
    }
}
