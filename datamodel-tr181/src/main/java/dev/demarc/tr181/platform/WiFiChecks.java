package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** The checks the Wi-Fi snapshot records share: keys, MAC addresses, bounded text and lists. */
final class WiFiChecks {

    /** A MAC address as six colon-separated hex pairs. */
    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");

    private WiFiChecks() {
    }

    /** A platform key (radio name, netdev name): 1 to {@code max} characters, no control characters or commas. */
    static String key(String what, String value, int max) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(what + " must have 1 to " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ',') {
                throw new IllegalArgumentException(what + " has a control character or a comma");
            }
        }
        return value;
    }

    /** Text of at most {@code max} characters. */
    static String text(String what, String value, int max) {
        Objects.requireNonNull(value, what);
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        return value;
    }

    /** A MAC address, lower case; or the empty string for "not known". */
    static String macOrEmpty(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            return value;
        }
        return mac(what, value);
    }

    /** A MAC address, lower case. */
    static String mac(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!MAC.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is not a MAC address");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** {@code value} when it is one of {@code allowed}. */
    static String oneOf(String what, String value, List<String> allowed) {
        Objects.requireNonNull(value, what);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(what + " must be one of " + allowed);
        }
        return value;
    }

    /** An immutable copy holding at most {@code max} items. */
    static <T> List<T> bounded(String what, List<T> items, int max) {
        List<T> copy = List.copyOf(items);
        if (copy.size() > max) {
            throw new IllegalArgumentException(what + " has more than " + max + " items");
        }
        return copy;
    }
}
