package dev.demarc.hal.linux;

import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DeviceIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity of a generic Linux device ({@code Device.DeviceInfo.} Manufacturer... SoftwareVersion):
 *
 * <table>
 *   <caption>Sources, first found wins</caption>
 *   <tr><th>value</th><th>from</th></tr>
 *   <tr><td>Manufacturer</td><td>DMI {@code sys_vendor}, {@code board_vendor}; the device tree's model and
 *       {@code compatible} vendor ({@link IdentitySources#makerOf})</td></tr>
 *   <tr><td>ModelName</td><td>DMI {@code product_name}; device tree {@code model}</td></tr>
 *   <tr><td>Description</td><td>{@code PRETTY_NAME} of {@code /etc/os-release}, "on" the model</td></tr>
 *   <tr><td>ProductClass</td><td>DMI {@code product_family}, {@code board_name}; the first device tree
 *       {@code compatible} string</td></tr>
 *   <tr><td>SerialNumber</td><td>DMI {@code product_serial}, {@code board_serial} (readable by root only);
 *       device tree {@code serial-number}; the first physical port's MAC address</td></tr>
 *   <tr><td>HardwareVersion</td><td>DMI {@code product_version}, {@code board_version}</td></tr>
 *   <tr><td>SoftwareVersion</td><td>{@code VERSION_ID} (or {@code BUILD_ID}) of {@code /etc/os-release};
 *       the kernel release</td></tr>
 *   <tr><td>ManufacturerOUI</td><td>the first physical port's MAC address, when universally administered</td></tr>
 * </table>
 *
 * A value found nowhere is empty (read as "not known"; the factory defaults can set it). Read once,
 * when the platform starts.
 */
public final class LinuxIdentity {

    private LinuxIdentity() {
    }

    public static DeviceIdentity read(SystemFiles files) {
        IdentitySources src = new IdentitySources(files);
        Map<String, String> os = KeyValueFile.parse(files.read("/etc/os-release")
                .or(() -> files.read("/usr/lib/os-release")).orElse(""));
        List<String> compatible = src.deviceTreeCompatible();
        String dtModel = src.deviceTree("model").orElse("");
        String model = src.dmi("product_name").orElse(dtModel);
        String maker = src.dmi("sys_vendor").or(() -> src.dmi("board_vendor"))
                .or(() -> dtModel.isEmpty() ? Optional.empty()
                        : IdentitySources.makerOf(dtModel, compatible.isEmpty() ? "" : IdentitySources.vendorPart(compatible.get(0))))
                .orElse("");
        String productClass = src.dmi("product_family").or(() -> src.dmi("board_name"))
                .orElse(compatible.isEmpty() ? "" : IdentitySources.fit(compatible.get(0), 64));
        Optional<String> mac = src.firstPortMac();
        String serial = src.dmi("product_serial").or(() -> src.dmi("board_serial"))
                .or(() -> src.deviceTree("serial-number")).or(() -> mac.map(IdentitySources::serialOf)).orElse("");
        String hardware = src.dmi("product_version").or(() -> src.dmi("board_version")).orElse("");
        String software = IdentitySources.clean(os.getOrDefault("VERSION_ID", ""))
                .or(() -> IdentitySources.clean(os.getOrDefault("BUILD_ID", "")))
                .or(() -> IdentitySources.clean(files.readLine("/proc/sys/kernel/osrelease").orElse("")))
                .orElse("");
        String pretty = os.getOrDefault("PRETTY_NAME", os.getOrDefault("NAME", "")).strip();
        String description = model.isEmpty() ? pretty : pretty.isEmpty() ? model : pretty + " on " + model;
        return new DeviceIdentity(maker, mac.flatMap(IdentitySources::ouiOf).orElse(""), model,
                IdentitySources.fit(description, 256), productClass, serial, hardware, software);
    }
}
