package dev.demarc.core.acl;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;

/**
 * One permission string of TR-181 {@code Device.LocalAgent.ControllerTrust.Role.{i}.Permission.{i}.}
 * ({@code Param}, {@code Obj}, {@code InstantiatedObj} or {@code CommandEvent}): four characters
 * in the fixed order {@code rwxn}, each the letter when the permission is granted and {@code -}
 * when it is not ({@code r--n}).
 *
 * <p>What each letter allows depends on the parameter it came from; {@link Grant} and
 * {@link AccessPolicy} name those meanings. There are only sixteen values; {@link #of} and
 * {@link #parse} return shared instances.
 */
public record Flags(boolean read, boolean write, boolean execute, boolean notification) {

    /** {@code ----}: nothing granted (the TR-181 default of every permission string). */
    public static final Flags NONE = new Flags(false, false, false, false);

    /** {@code rwxn}: everything granted. */
    public static final Flags ALL = new Flags(true, true, true, true);

    private static final char[] LETTERS = {'r', 'w', 'x', 'n'};
    private static final Flags[] VALUES = new Flags[16];

    static {
        for (int bits = 0; bits < 16; bits++) {
            VALUES[bits] = bits == 0 ? NONE : bits == 15 ? ALL
                    : new Flags((bits & 8) != 0, (bits & 4) != 0, (bits & 2) != 0, (bits & 1) != 0);
        }
    }

    /** The shared instance with these four permissions. */
    public static Flags of(boolean read, boolean write, boolean execute, boolean notification) {
        return VALUES[(read ? 8 : 0) | (write ? 4 : 0) | (execute ? 2 : 0) | (notification ? 1 : 0)];
    }

    /**
     * Parses a TR-181 permission string. Exactly four characters; character {@code i} is the
     * {@code i}-th letter of {@code rwxn} (lower case) or {@code -}. Anything else is a
     * {@link ErrorCode#INVALID_VALUE} error saying what was expected; {@code null} included.
     */
    public static Result<Flags> parse(String text) {
        if (text == null) {
            return Result.err(ErrorCode.INVALID_VALUE, "a permission string is 4 characters 'rwxn' or '-', not null");
        }
        if (text.length() != 4) {
            return Result.err(DmError.of(ErrorCode.INVALID_VALUE, "a permission string is 4 characters, each the letter of "
                    + "'rwxn' at its place or '-' (e.g. r--n); got " + text.length() + " characters"));
        }
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            if (c == LETTERS[i]) {
                bits |= 8 >> i;
            } else if (c != '-') {
                return Result.err(ErrorCode.INVALID_VALUE, "character " + (i + 1) + " of a permission string must be '"
                        + LETTERS[i] + "' or '-' (order rwxn, e.g. r--n), not " + describe(c));
            }
        }
        return Result.ok(VALUES[bits]);
    }

    /** The permissions granted by either. */
    public Flags union(Flags other) {
        return VALUES[bits() | other.bits()];
    }

    /** The permissions granted by both. */
    public Flags intersect(Flags other) {
        return VALUES[bits() & other.bits()];
    }

    /** True when nothing is granted. */
    public boolean isNone() {
        return bits() == 0;
    }

    private int bits() {
        return (read ? 8 : 0) | (write ? 4 : 0) | (execute ? 2 : 0) | (notification ? 1 : 0);
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    /** The TR-181 form: {@code r--n}. */
    @Override
    public String toString() {
        return new String(new char[] {
            read ? 'r' : '-', write ? 'w' : '-', execute ? 'x' : '-', notification ? 'n' : '-'});
    }
}
