package dev.demarc.hal.linux;

import dev.demarc.tr181.platform.MemoryStatus;
import dev.demarc.tr181.platform.SystemProcess;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parsers of procfs files: {@code /proc/meminfo}, {@code /proc/uptime}, {@code /proc/stat},
 * {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. They take the file's text and
 * return values; text they do not understand gives empty. Pure.
 */
public final class ProcFs {

    /**
     * Clock ticks per second of the times in {@code /proc/<pid>/stat} ({@code USER_HZ}): 100 on
     * every architecture OpenWrt and Debian run on (the kernel's ABI fixes it; {@code getconf
     * CLK_TCK} says so, but busybox has no {@code getconf}).
     */
    public static final int USER_HZ = 100;

    private ProcFs() {
    }

    /**
     * {@code MemTotal} and the memory available to new work: {@code MemAvailable}, or
     * {@code MemFree} on kernels before 3.14 that lack it. KiB, as the file gives them.
     */
    public static Optional<MemoryStatus> meminfo(String text) {
        long total = -1;
        long free = -1;
        long available = -1;
        for (String line : text.lines().toList()) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemFree:")) {
                free = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        long usable = available >= 0 ? available : free;
        if (total < 0 || usable < 0) {
            return Optional.empty();
        }
        return Optional.of(new MemoryStatus(total, Math.min(usable, total)));
    }

    private static long kib(String line) {
        String[] f = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        try {
            long n = Long.parseLong(f[0]);
            return f.length > 1 && f[1].equalsIgnoreCase("kB") || f.length == 1 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whole seconds since boot: the first number of {@code /proc/uptime}. */
    public static OptionalLong uptimeSeconds(String text) {
        String[] f = text.trim().split("\\s+");
        try {
            double seconds = Double.parseDouble(f[0]);
            return seconds >= 0 ? OptionalLong.of((long) seconds) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The CPU time counters of all CPUs together (the {@code cpu} line of {@code /proc/stat}), in
     * clock ticks since boot.
     *
     * @param busy  user, nice, system, irq, softirq and steal time
     * @param total busy time plus idle and I/O wait
     */
    public record CpuTimes(long busy, long total) {
        public CpuTimes {
            if (busy < 0 || total < busy) {
                throw new IllegalArgumentException("0 <= busy <= total");
            }
        }

        /** The busy share of the time between {@code before} and this, 0..100; empty if no time passed. */
        public java.util.OptionalInt usageSince(CpuTimes before) {
            long dt = total - before.total;
            long db = busy - before.busy;
            if (dt <= 0 || db < 0) {
                return java.util.OptionalInt.empty();
            }
            return java.util.OptionalInt.of((int) Math.min(100, Math.round(100.0 * db / dt)));
        }
    }

    /** The {@code cpu} line of {@code /proc/stat}. */
    public static Optional<CpuTimes> cpu(String text) {
        for (String line : text.lines().toList()) {
            if (!line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                return Optional.empty();
            }
            try {
                long[] v = new long[8];
                for (int i = 0; i < 8 && i + 1 < f.length; i++) {
                    v[i] = Long.parseLong(f[i + 1]);
                }
                long idle = v[3] + v[4];
                long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
                return Optional.of(new CpuTimes(busy, busy + idle));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code VmRSS} of {@code /proc/<pid>/status}, KiB; 0 for kernel threads, which have none. */
    public static long residentKiB(String status) {
        for (String line : status.lines().toList()) {
            if (line.startsWith("VmRSS:")) {
                long k = kib(line);
                return Math.max(0, k);
            }
        }
        return 0;
    }

    /**
     * A process from its {@code /proc/<pid>/stat} line and its resident size: {@code Command} is
     * the kernel's short name of the program (between the parentheses), {@code CPUTime} user
     * plus system time, {@code Priority} the kernel's priority of a normal process (nice + 20:
     * 0..39) and 0 for a real-time one (TR-181: 0 is the highest).
     */
    public static Optional<SystemProcess> process(String stat, long residentKiB) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > stat.length()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(stat.substring(0, open).trim());
            String command = stat.substring(open + 1, close);
            String[] f = stat.substring(close + 2).trim().split("\\s+");
            if (f.length < 16 || f[0].length() != 1) {
                return Optional.empty();
            }
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long priority = Long.parseLong(f[15]);
            int tr181Priority = (int) Math.max(0, Math.min(99, priority));
            String name = command.length() > SystemProcess.MAX_COMMAND
                    ? command.substring(0, SystemProcess.MAX_COMMAND) : command;
            return Optional.of(new SystemProcess(pid, name, residentKiB, tr181Priority, ticks * 1000 / USER_HZ,
                    state(f[0].charAt(0))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The kernel's one-letter state as TR-181 names it. */
    static SystemProcess.State state(char c) {
        return switch (c) {
            case 'R' -> SystemProcess.State.RUNNING;
            case 'D', 'K' -> SystemProcess.State.UNINTERRUPTIBLE;
            case 'T', 't' -> SystemProcess.State.STOPPED;
            case 'Z', 'X', 'x' -> SystemProcess.State.ZOMBIE;
            case 'I', 'P' -> SystemProcess.State.IDLE;
            default -> SystemProcess.State.SLEEPING;
        };
    }
}
