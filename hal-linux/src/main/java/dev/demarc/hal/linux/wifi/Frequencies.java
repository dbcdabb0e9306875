package dev.demarc.hal.linux.wifi;

import java.util.Optional;
import java.util.OptionalInt;

/** IEEE 802.11 frequencies as TR-181 names them: the band of a frequency, and its channel. Stateless. */
public final class Frequencies {

    private Frequencies() {
    }

    /** {@code 2.4GHz}, {@code 5GHz} or {@code 6GHz} for a centre frequency in MHz; empty for others (60 GHz...). */
    public static Optional<String> band(int mhz) {
        if (mhz >= 2400 && mhz <= 2500) {
            return Optional.of("2.4GHz");
        }
        if (mhz >= 5150 && mhz <= 5925) {
            return Optional.of("5GHz");
        }
        if (mhz > 5925 && mhz <= 7125) {
            return Optional.of("6GHz");
        }
        return Optional.empty();
    }

    /** The channel number of a centre frequency in MHz (2.4, 5 and 6 GHz); empty for others. */
    public static OptionalInt channel(int mhz) {
        if (mhz == 2484) {
            return OptionalInt.of(14);
        }
        if (mhz >= 2412 && mhz < 2484) {
            return OptionalInt.of((mhz - 2407) / 5);
        }
        if (mhz == 5935) {
            return OptionalInt.of(2);
        }
        if (mhz > 5950 && mhz <= 7125) {
            return OptionalInt.of((mhz - 5950) / 5);
        }
        if (mhz >= 5000 && mhz <= 5925) {
            return OptionalInt.of((mhz - 5000) / 5);
        }
        return OptionalInt.empty();
    }

    /**
     * TR-181's bandwidth for a channel width in MHz ({@code 20} gives {@code 20MHz}); empty for
     * widths TR-181 does not name.
     */
    public static Optional<String> bandwidth(int mhz) {
        return switch (mhz) {
            case 20 -> Optional.of("20MHz");
            case 40 -> Optional.of("40MHz");
            case 80 -> Optional.of("80MHz");
            case 160 -> Optional.of("160MHz");
            case 320 -> Optional.of("320MHz-1");
            default -> Optional.empty();
        };
    }

    /**
     * A transmit power as TR-181's percent of the radio's full power, compared in milliwatts:
     * {@code dbm} of at most {@code maxDbm} gives 1 to 100.
     */
    public static int percentOfMax(int dbm, int maxDbm) {
        if (dbm >= maxDbm) {
            return 100;
        }
        double ratio = Math.pow(10, (dbm - maxDbm) / 10.0);
        return (int) Math.max(1, Math.min(100, Math.round(ratio * 100)));
    }

    /** The highest of {@code levelsDbm} (ascending or not) whose power is at most {@code percent} of the highest's. */
    public static int dbmForPercent(int percent, java.util.List<Integer> levelsDbm) {
        int max = levelsDbm.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int min = levelsDbm.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int best = min;
        for (int level : levelsDbm) {
            if (percentOfMax(level, max) <= percent && level > best) {
                best = level;
            }
        }
        return best;
    }
}
