package dev.demarc.hal.linux;

import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.SystemStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the device's temperature sensors once: the kernel's thermal zones
 * ({@code /sys/class/thermal/thermal_zone*}: {@code type}, {@code temp} in millidegrees Celsius)
 * and the hwmon inputs ({@code /sys/class/hwmon/hwmon*}: {@code name}, {@code temp*_input},
 * {@code temp*_label}). A thermal zone is named by its type ({@code cpu-thermal}), a hwmon input
 * by its chip name and label or input name ({@code coretemp Core 0}, {@code nvme temp1}); a
 * hwmon chip whose name is a thermal zone's type is the same sensor and is skipped; a name
 * already taken gets {@code #2}, {@code #3}... At most {@link SystemStatus#MAX_SENSORS}.
 * Blocks on sysfs reads (a hwmon chip may answer slowly): the platform's threads.
 */
public final class TemperatureReadings {

    /** One sensor's name and reading, in whole degrees Celsius (empty when it could not be read). */
    public record Reading(String name, OptionalInt celsius) {
    }

    private TemperatureReadings() {
    }

    public static List<Reading> read(SystemFiles files) {
        List<Reading> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> zoneTypes = new HashSet<>();
        for (String zone : files.list("/sys/class/thermal")) {
            if (!zone.startsWith("thermal_zone") || out.size() >= SystemStatus.MAX_SENSORS) {
                continue;
            }
            String dir = "/sys/class/thermal/" + zone + "/";
            String type = files.readLine(dir + "type").filter(t -> !t.isEmpty()).orElse(zone);
            zoneTypes.add(type);
            out.add(new Reading(unique(type, names), celsius(files, dir + "temp")));
        }
        for (String chip : files.list("/sys/class/hwmon")) {
            String dir = "/sys/class/hwmon/" + chip + "/";
            String name = files.readLine(dir + "name").filter(t -> !t.isEmpty()).orElse(chip);
            if (zoneTypes.contains(name)) {
                continue;
            }
            for (String file : files.list(dir)) {
                if (!file.matches("temp[0-9]+_input") || out.size() >= SystemStatus.MAX_SENSORS) {
                    continue;
                }
                String input = file.substring(0, file.length() - "_input".length());
                String label = files.readLine(dir + input + "_label").filter(t -> !t.isEmpty()).orElse(input);
                out.add(new Reading(unique(name + " " + label, names), celsius(files, dir + file)));
            }
        }
        return out;
    }

    private static String unique(String wanted, Set<String> taken) {
        String base = wanted.length() > 240 ? wanted.substring(0, 240) : wanted;
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + " #" + n;
        }
        return name;
    }

    /** Millidegrees in the file as whole degrees, rounded; empty when unreadable or below absolute zero. */
    private static OptionalInt celsius(SystemFiles files, String path) {
        return files.readLong(path).filter(m -> m >= -273_000 && m < 10_000_000)
                .map(m -> OptionalInt.of((int) Math.round(m / 1000.0))).orElse(OptionalInt.empty());
    }
}
