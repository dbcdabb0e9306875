package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.ParameterProvider;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import java.time.Duration;
import java.util.function.Function;

/**
 * {@code Device.DeviceInfo.} of TR-181 Device:2.19: the device's identity, up time and
 * provisioning code. Identity, up time and first-use date come from the {@link DeviceInfoPlatform};
 * a value the factory defaults set is stored and wins over the platform's (so a defaults file
 * can give a device its OUI and serial number). {@code ProvisioningCode} is configuration,
 * stored by the engine.
 *
 * <p>Of the object's parameters this agent has the identity ones listed here, and the objects
 * {@code MemoryStatus.} ({@link MemoryStatusObject}), {@code ProcessStatus.}
 * ({@link ProcessStatusObject}) and {@code TemperatureStatus.} ({@link TemperatureSensorObject});
 * the others (firmware images, vendor files, {@code HostName}...) arrive with the platform
 * support they need.
 */
public final class DeviceInfoObject {

    public static final String PATH = "Device.DeviceInfo.";

    public static final ParameterDef MANUFACTURER =
            ParameterDef.readOnly("Manufacturer", ValueType.string().maxLength(64));
    public static final ParameterDef MANUFACTURER_OUI =
            ParameterDef.readOnly("ManufacturerOUI", ValueType.string().length(6, 6).pattern("[0-9A-F]{6}"));
    public static final ParameterDef MODEL_NAME =
            ParameterDef.readOnly("ModelName", ValueType.string().maxLength(64));
    public static final ParameterDef DESCRIPTION =
            ParameterDef.readOnly("Description", ValueType.string().maxLength(256));
    public static final ParameterDef PRODUCT_CLASS =
            ParameterDef.readOnly("ProductClass", ValueType.string().maxLength(64));
    public static final ParameterDef SERIAL_NUMBER =
            ParameterDef.readOnly("SerialNumber", ValueType.string().maxLength(64));
    public static final ParameterDef HARDWARE_VERSION =
            ParameterDef.readOnly("HardwareVersion", ValueType.string().maxLength(64));
    public static final ParameterDef SOFTWARE_VERSION =
            ParameterDef.readOnly("SoftwareVersion", ValueType.string().maxLength(64));
    public static final ParameterDef PROVISIONING_CODE =
            ParameterDef.readWrite("ProvisioningCode", ValueType.string().maxLength(64));
    /** Seconds since the device booted; changes every second, so never notified (TR-181 activeNotify canDeny). */
    public static final ParameterDef UP_TIME = ParameterDef.readOnly("UpTime", ValueType.unsignedInt()).ignoringValueChange();
    public static final ParameterDef FIRST_USE_DATE = ParameterDef.readOnly("FirstUseDate", ValueType.dateTime());

    private DeviceInfoObject() {
    }

    /** The object's definition, in the standard's order of parameters. */
    static ObjectDef.Builder definition() {
        return ObjectDef.single("DeviceInfo")
                .param(MANUFACTURER)
                .param(MANUFACTURER_OUI)
                .param(MODEL_NAME)
                .param(DESCRIPTION)
                .param(PRODUCT_CLASS)
                .param(SERIAL_NUMBER)
                .param(HARDWARE_VERSION)
                .param(SOFTWARE_VERSION)
                .param(PROVISIONING_CODE)
                .param(UP_TIME)
                .param(FIRST_USE_DATE)
                .object(MemoryStatusObject.definition())
                .object(ProcessStatusObject.definition())
                .object(TemperatureSensorObject.definition());
    }

    /** Binds the platform's values; asked afresh on every read (the platform answers from memory). */
    static void bind(Bindings.Builder bindings, DeviceInfoPlatform platform) {
        identity(bindings, platform, MANUFACTURER, DeviceIdentity::manufacturer);
        identity(bindings, platform, MANUFACTURER_OUI, DeviceIdentity::oui);
        identity(bindings, platform, MODEL_NAME, DeviceIdentity::modelName);
        identity(bindings, platform, DESCRIPTION, DeviceIdentity::description);
        identity(bindings, platform, PRODUCT_CLASS, DeviceIdentity::productClass);
        identity(bindings, platform, SERIAL_NUMBER, DeviceIdentity::serialNumber);
        identity(bindings, platform, HARDWARE_VERSION, DeviceIdentity::hardwareVersion);
        identity(bindings, platform, SOFTWARE_VERSION, DeviceIdentity::softwareVersion);
        provide(bindings, UP_TIME, PlatformValues.checked(UP_TIME,
                () -> PlatformValues.unsignedInt(platform.upTimeSeconds())));
        provide(bindings, FIRST_USE_DATE, PlatformValues.checked(FIRST_USE_DATE, platform::firstUseDate));
    }

    private static void identity(Bindings.Builder bindings, DeviceInfoPlatform platform, ParameterDef def,
                                 Function<DeviceIdentity, String> field) {
        provide(bindings, def, PlatformValues.checked(def, () -> field.apply(platform.identity())));
    }

    private static void provide(Bindings.Builder bindings, ParameterDef def,
                                ParameterProvider provider) {
        bindings.parameter(PATH + def.name(), provider, Duration.ZERO);
    }
}
