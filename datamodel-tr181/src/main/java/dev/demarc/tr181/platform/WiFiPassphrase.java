package dev.demarc.tr181.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A WPA passphrase being written ({@code Security.KeyPassphrase}): 8 to 63 printable ASCII
 * characters, as IEEE 802.11 requires. It is never printed: {@link #toString} hides it, and
 * only the platform writing it to its configuration calls {@link #reveal}. Immutable.
 */
public final class WiFiPassphrase {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 63;

    private final String value;

    private WiFiPassphrase(String value) {
        this.value = value;
    }

    /**
     * The passphrase {@code value}.
     *
     * @throws IllegalArgumentException when it is not 8 to 63 printable ASCII characters (the
     *                                  message does not contain it)
     */
    public static WiFiPassphrase of(String value) {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("a passphrase is 8 to 63 printable ASCII characters");
        }
        return new WiFiPassphrase(value);
    }

    /** Whether {@code value} is 8 to 63 printable ASCII characters. */
    public static boolean isValid(String value) {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The passphrase itself: only for writing it where the platform keeps it. */
    public String reveal() {
        return value;
    }

    /** Whether this is {@code candidate}, compared in constant time. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WiFiPassphrase p && matches(p.value);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    /** Never the passphrase. */
    @Override
    public String toString() {
        return "WiFiPassphrase[hidden]";
    }
}
