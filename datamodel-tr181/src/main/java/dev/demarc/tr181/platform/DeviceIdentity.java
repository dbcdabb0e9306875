package dev.demarc.tr181.platform;

import java.util.Objects;

/**
 * Who the device is, as {@code Device.DeviceInfo.} tells it: maker, model, serial number and
 * versions. An empty value means the platform does not know it; the factory defaults may pin
 * any of them. Each value is checked against its TR-181 facets when a controller reads it
 * (e.g. {@code ManufacturerOUI} must be six upper-case hex digits), so an unknown OUI reads as an
 * error, not as a wrong value.
 *
 * @param manufacturer    {@code Manufacturer}, string(64)
 * @param oui             {@code ManufacturerOUI}, six hex digits {@code [0-9A-F]{6}}
 * @param modelName       {@code ModelName}, string(64)
 * @param description     {@code Description}, string(256)
 * @param productClass    {@code ProductClass}, string(64)
 * @param serialNumber    {@code SerialNumber}, string(64)
 * @param hardwareVersion {@code HardwareVersion}, string(64)
 * @param softwareVersion {@code SoftwareVersion} (of the device's firmware, not of the agent), string(64)
 */
public record DeviceIdentity(String manufacturer, String oui, String modelName, String description,
                             String productClass, String serialNumber, String hardwareVersion,
                             String softwareVersion) {

    /** No value may be longer than this; the longest TR-181 facet here is string(256). */
    public static final int MAX_LENGTH = 256;

    public DeviceIdentity {
        check("manufacturer", manufacturer);
        check("oui", oui);
        check("modelName", modelName);
        check("description", description);
        check("productClass", productClass);
        check("serialNumber", serialNumber);
        check("hardwareVersion", hardwareVersion);
        check("softwareVersion", softwareVersion);
    }

    /** Nothing known: every value empty. */
    public static DeviceIdentity unknown() {
        return new DeviceIdentity("", "", "", "", "", "", "", "");
    }

    private static void check(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
        }
    }
}
