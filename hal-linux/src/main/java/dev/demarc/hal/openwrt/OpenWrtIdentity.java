package dev.demarc.hal.openwrt;

import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.IdentitySources;
import dev.demarc.hal.linux.KeyValueFile;
import dev.demarc.tr181.platform.DeviceIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity of an OpenWrt router:
 *
 * <table>
 *   <caption>Sources, first found wins</caption>
 *   <tr><th>value</th><th>from</th></tr>
 *   <tr><td>ModelName</td><td>{@code /tmp/sysinfo/model}; {@code model} of {@code ubus call system board};
 *       device tree {@code model}; DMI {@code product_name} (x86)</td></tr>
 *   <tr><td>ProductClass</td><td>the board name: {@code /tmp/sysinfo/board_name}; {@code board_name} of
 *       {@code ubus call system board}</td></tr>
 *   <tr><td>Manufacturer</td><td>DMI {@code sys_vendor} (x86); else made of the model and the board
 *       name's vendor part ({@code TP-Link} of {@code TP-Link Archer C7 v5} and {@code tplink,archer-c7-v5})</td></tr>
 *   <tr><td>Description</td><td>{@code DISTRIB_DESCRIPTION} of {@code /etc/openwrt_release}, "on" the model</td></tr>
 *   <tr><td>SoftwareVersion</td><td>{@code DISTRIB_RELEASE} and {@code DISTRIB_REVISION}
 *       ({@code 23.05.3 r23809-234f1a2efa})</td></tr>
 *   <tr><td>SerialNumber</td><td>DMI serial (x86); device tree {@code serial-number}; the label MAC address
 *       ({@code system.label_macaddr} of {@code /etc/board.json}); the first physical port's MAC</td></tr>
 *   <tr><td>ManufacturerOUI</td><td>that MAC address's OUI, when universally administered</td></tr>
 *   <tr><td>HardwareVersion</td><td>DMI {@code product_version} (x86); else not known</td></tr>
 * </table>
 *
 * {@code ubus} runs only when the sysinfo files are missing. Read once, when the platform starts.
 */
public final class OpenWrtIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(OpenWrtIdentity.class);

    private OpenWrtIdentity() {
    }

    public static DeviceIdentity read(SystemFiles files, CommandRunner commands) {
        IdentitySources src = new IdentitySources(files);
        Map<String, String> release = KeyValueFile.parse(files.read(OpenWrtPlatform.RELEASE_FILE).orElse(""));
        Optional<String> model = files.readLine("/tmp/sysinfo/model").filter(s -> !s.isEmpty());
        Optional<String> board = files.readLine("/tmp/sysinfo/board_name").filter(s -> !s.isEmpty());
        if (model.isEmpty() || board.isEmpty()) {
            JsonValue.Obj ubus = systemBoard(commands);
            model = model.or(() -> ubus.string("model").filter(s -> !s.isBlank()));
            board = board.or(() -> ubus.string("board_name").filter(s -> !s.isBlank()));
        }
        String modelName = model.map(String::strip).or(() -> src.deviceTree("model"))
                .or(() -> src.dmi("product_name")).map(m -> fit(m, 64)).orElse("");
        String boardName = board.map(String::strip).map(b -> fit(b, 64)).orElse("");
        String maker = src.dmi("sys_vendor")
                .or(() -> modelName.isEmpty() && boardName.isEmpty() ? Optional.empty()
                        : IdentitySources.makerOf(modelName, IdentitySources.vendorPart(boardName)))
                .map(m -> fit(m, 64)).orElse("");
        Optional<String> mac = labelMac(files).or(src::firstPortMac);
        String serial = src.dmi("product_serial").or(() -> src.dmi("board_serial"))
                .or(() -> src.deviceTree("serial-number")).or(() -> mac.map(IdentitySources::serialOf)).orElse("");
        String distribution = release.getOrDefault("DISTRIB_DESCRIPTION", "").strip();
        String description = modelName.isEmpty() ? distribution
                : distribution.isEmpty() ? modelName : distribution + " on " + modelName;
        String version = (release.getOrDefault("DISTRIB_RELEASE", "").strip() + " "
                + release.getOrDefault("DISTRIB_REVISION", "").strip()).strip();
        return new DeviceIdentity(maker, mac.flatMap(IdentitySources::ouiOf).orElse(""), modelName,
                fit(description, 256), boardName, serial, src.dmi("product_version").orElse(""), fit(version, 64));
    }

    /** {@code system.label_macaddr} of {@code /etc/board.json}: the MAC address printed on the device. */
    static Optional<String> labelMac(SystemFiles files) {
        Optional<String> text = files.read("/etc/board.json");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Result<JsonValue.Obj> doc = JsonReader.parseObject("/etc/board.json", text.get());
        if (!doc.isOk()) {
            LOG.warn("{}", doc.error().message());
            return Optional.empty();
        }
        return doc.value().object("system").flatMap(s -> s.string("label_macaddr")).flatMap(IdentitySources::mac);
    }

    private static JsonValue.Obj systemBoard(CommandRunner commands) {
        Result<String> out = commands.run(List.of("ubus", "call", "system", "board"));
        if (!out.isOk()) {
            LOG.warn("the board's model is not known: {}", out.error().message());
            return new JsonValue.Obj(Map.of());
        }
        Result<JsonValue.Obj> doc = JsonReader.parseObject("ubus call system board", out.value());
        if (!doc.isOk()) {
            LOG.warn("{}", doc.error().message());
            return new JsonValue.Obj(Map.of());
        }
        return doc.value();
    }

    private static String fit(String v, int max) {
        return v.length() > max ? v.substring(0, max) : v;
    }
}
