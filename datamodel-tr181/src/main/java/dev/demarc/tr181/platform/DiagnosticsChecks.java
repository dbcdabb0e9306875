package dev.demarc.tr181.platform;

import java.time.Duration;
import java.util.Objects;

/** The checks the diagnostics' requests share. */
final class DiagnosticsChecks {

    /** TR-181's string(256) of {@code Host}. */
    static final int MAX_HOST = 256;
    /** The longest interface name kept (Linux allows 15; OpenWrt's logical names are short too). */
    static final int MAX_INTERFACE = 64;

    private DiagnosticsChecks() {
    }

    static void host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.length() > MAX_HOST) {
            throw new IllegalArgumentException("a host has 1.." + MAX_HOST + " characters");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("a host has no spaces or control characters");
            }
        }
        if (host.startsWith("-")) {
            throw new IllegalArgumentException("a host does not start with '-'");
        }
    }

    static void interfaceName(String name) {
        Objects.requireNonNull(name, "interfaceName");
        if (name.length() > MAX_INTERFACE || name.startsWith("-") || name.contains("/")
                || name.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("not an interface name: " + name);
        }
    }

    static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ": " + value);
        }
    }

    static void timeout(Duration timeout, Duration max) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 1 || timeout.compareTo(max) > 0) {
            throw new IllegalArgumentException("timeout must be 1 ms.." + max.toSeconds() + " s: " + timeout);
        }
    }
}
