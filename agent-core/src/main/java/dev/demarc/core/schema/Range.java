package dev.demarc.core.schema;

import java.math.BigDecimal;

/**
 * An inclusive numeric range facet of TR-106 ({@code <range minInclusive maxInclusive step>}),
 * for int, unsignedInt, long, unsignedLong and decimal parameters. Any bound may be absent
 * ({@code null}): {@code [1:]} has no maximum. With a {@code step}, a value must also be
 * {@code min + n * step} for a whole n (from 0 when there is no minimum).
 *
 * <p>Bounds are {@link BigDecimal} so that the whole unsignedLong space (up to 2^64-1) and
 * decimals fit; they are kept with trailing zeros stripped, so {@code 1.0} and {@code 1} are
 * the same range.
 *
 * @param min  the least allowed value, or {@code null} for none
 * @param max  the greatest allowed value, or {@code null} for none
 * @param step the spacing of allowed values, or {@code null} for none; positive
 */
public record Range(BigDecimal min, BigDecimal max, BigDecimal step) {

    public Range {
        min = canonical(min);
        max = canonical(max);
        step = canonical(step);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("range minimum " + min.toPlainString()
                    + " is greater than its maximum " + max.toPlainString());
        }
        if (step != null && step.signum() <= 0) {
            throw new IllegalArgumentException("range step must be positive: " + step.toPlainString());
        }
    }

    /** {@code [min:max]}. */
    public static Range between(long min, long max) {
        return new Range(BigDecimal.valueOf(min), BigDecimal.valueOf(max), null);
    }

    /** {@code [min:max]}, for bounds beyond {@code long} (unsignedLong) or decimals. */
    public static Range between(BigDecimal min, BigDecimal max) {
        return new Range(min, max, null);
    }

    /** {@code [min:]}. */
    public static Range atLeast(long min) {
        return new Range(BigDecimal.valueOf(min), null, null);
    }

    /** {@code [:max]}. */
    public static Range atMost(long max) {
        return new Range(null, BigDecimal.valueOf(max), null);
    }

    /** This range with values spaced by {@code step}. */
    public Range withStep(long step) {
        return new Range(min, max, BigDecimal.valueOf(step));
    }

    /** This range with values spaced by {@code step}. */
    public Range withStep(BigDecimal step) {
        return new Range(min, max, step);
    }

    /** Whether every bound and the step are whole numbers (needed for the integer types). */
    public boolean isIntegral() {
        return integral(min) && integral(max) && integral(step);
    }

    /** Whether {@code value} lies in this range (and on its step, if any). */
    public boolean contains(BigDecimal value) {
        if (min != null && value.compareTo(min) < 0) {
            return false;
        }
        if (max != null && value.compareTo(max) > 0) {
            return false;
        }
        if (step != null) {
            BigDecimal origin = min == null ? BigDecimal.ZERO : min;
            return value.subtract(origin).remainder(step).signum() == 0;
        }
        return true;
    }

    /** TR-106 style: {@code [0:65535]}, {@code [1:]}, {@code [0:100 step 5]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        if (min != null) {
            sb.append(min.toPlainString());
        }
        sb.append(':');
        if (max != null) {
            sb.append(max.toPlainString());
        }
        if (step != null) {
            sb.append(" step ").append(step.toPlainString());
        }
        return sb.append(']').toString();
    }

    private static BigDecimal canonical(BigDecimal v) {
        if (v == null) {
            return null;
        }
        return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
    }

    private static boolean integral(BigDecimal v) {
        return v == null || v.scale() <= 0;
    }
}
