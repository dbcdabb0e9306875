package dev.demarc.tr181.platform;

import dev.demarc.core.schema.DataTypes;
import java.util.List;
import java.util.Objects;

/** Checks the WAN snapshots' constructors share: address texts and bounded lists. */
final class WanValues {

    /** The most addresses in one list (routers, DNS servers). */
    static final int MAX_ADDRESSES = 16;
    /** The longest name or key (an interface name, a logical interface, a user name). */
    static final int MAX_NAME = 256;

    private WanValues() {
    }

    /** {@code value} when it is empty or a dotted-decimal IPv4 address. */
    static String ipv4OrEmpty(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!DataTypes.IPV4_ADDRESS.isValid(value)) {
            throw new IllegalArgumentException(field + ": not an IPv4 address: " + value);
        }
        return value;
    }

    /** {@code value} when it is empty or an IPv4 or IPv6 address (no zone). */
    static String ipOrEmpty(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!DataTypes.IP_ADDRESS.isValid(value)) {
            throw new IllegalArgumentException(field + ": not an IP address: " + value);
        }
        return value;
    }

    /** {@code value} when it is empty or an IPv6 address (no zone). */
    static String ipv6OrEmpty(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!DataTypes.IPV6_ADDRESS.isValid(value)) {
            throw new IllegalArgumentException(field + ": not an IPv6 address: " + value);
        }
        return value;
    }

    /** An immutable copy of a bounded list of IPv4 addresses, none empty. */
    static List<String> ipv4List(String field, List<String> values) {
        List<String> copy = List.copyOf(values);
        if (copy.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException(field + ": more than " + MAX_ADDRESSES + " addresses");
        }
        for (String v : copy) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException(field + ": an empty address");
            }
            ipv4OrEmpty(field, v);
        }
        return copy;
    }

    /** {@code value}, at most {@code max} characters. */
    static String bounded(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.length() > max) {
            throw new IllegalArgumentException(field + ": longer than " + max + " characters");
        }
        return value;
    }

    /** {@code value}, not empty and at most {@link #MAX_NAME} characters. */
    static String key(String field, String value) {
        bounded(field, value, MAX_NAME);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        return value;
    }

    /** An immutable copy of {@code values}, at most {@code max} of them. */
    static <T> List<T> boundedList(String field, List<T> values, int max) {
        List<T> copy = List.copyOf(values);
        if (copy.size() > max) {
            throw new IllegalArgumentException(field + ": more than " + max + " entries");
        }
        return copy;
    }
}
