package dev.demarc.tr181.platform;

import dev.demarc.core.schema.DataTypes;
import java.util.List;
import java.util.Objects;

/** The constructor checks the snapshot records of this package share. */
final class Checks {

    private Checks() {
    }

    /** {@code value}, not null and at most {@code max} characters. */
    static String text(String what, String value, int max) {
        Objects.requireNonNull(value, what);
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        return value;
    }

    /** A platform key: not empty, at most 256 characters. */
    static String key(String what, String value) {
        text(what, value, 256);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return value;
    }

    /** Dotted-decimal IPv4, or empty when {@code emptyAllowed}. */
    static String ipv4(String what, String value, boolean emptyAllowed) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() ? !emptyAllowed : !DataTypes.IPV4_ADDRESS.isValid(value)) {
            throw new IllegalArgumentException(what + " is not an IPv4 address: " + value);
        }
        return value;
    }

    static String ipv6(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || !DataTypes.IPV6_ADDRESS.isValid(value)) {
            throw new IllegalArgumentException(what + " is not an IPv6 address: " + value);
        }
        return value;
    }

    /** Six colon-separated hex pairs, lower case. */
    static String mac(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || !DataTypes.MAC_ADDRESS.isValid(value) || !value.equals(value.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(what + " is not a lower-case MAC address: " + value);
        }
        return value;
    }

    /** An immutable copy of at most {@code max} items, each checked. */
    static <T> List<T> list(String what, List<T> items, int max, java.util.function.UnaryOperator<T> check) {
        Objects.requireNonNull(items, what);
        if (items.size() > max) {
            throw new IllegalArgumentException(what + " has more than " + max + " items");
        }
        for (T item : items) {
            check.apply(Objects.requireNonNull(item, what));
        }
        return List.copyOf(items);
    }
}
