package dev.demarc.cli.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * What one step of {@code demarc doctor} found. Immutable.
 *
 * @param step     a stable identifier of the step, for scripts: {@code wan.carrier}, {@code wan.address},
 *                 {@code gateway.ping}, {@code dns}, {@code clock}, {@code endpoint}, {@code agent.controllers}
 * @param name     what was checked, in words: {@code WAN link carrier}, {@code MQTT broker mqtt.example.net:8883}
 * @param status   how it ended
 * @param measured what was measured, in one line ({@code eth1: carrier up, 1000 Mbit/s full duplex})
 * @param meaning  for a failure or a warning: what it means; empty otherwise
 * @param next     for a failure or a warning: where to look next; empty otherwise
 * @param side     for a failure or a warning: the side of the demarcation point it lies on
 */
public record CheckResult(String step, String name, CheckStatus status, String measured, String meaning, String next,
                          Optional<Side> side) {

    /** The longest text of one field: results are printed on a terminal. */
    public static final int MAX_TEXT = 2000;

    public CheckResult {
        step = bounded("step", step);
        name = bounded("name", name);
        Objects.requireNonNull(status, "status");
        measured = bounded("measured", measured);
        meaning = bounded("meaning", meaning);
        next = bounded("next", next);
        Objects.requireNonNull(side, "side");
        if (step.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a result has a step and a name");
        }
        boolean problem = status == CheckStatus.FAIL || status == CheckStatus.WARN;
        if (problem && (meaning.isEmpty() || next.isEmpty() || side.isEmpty())) {
            throw new IllegalArgumentException(step + ": a failure or warning says what it means, where to look next"
                    + " and on which side it lies");
        }
    }

    /** It works: {@code measured} says what was seen. */
    public static CheckResult pass(String step, String name, String measured) {
        return new CheckResult(step, name, CheckStatus.PASS, measured, "", "", Optional.empty());
    }

    /** It does not work. */
    public static CheckResult fail(String step, String name, String measured, String meaning, String next, Side side) {
        return new CheckResult(step, name, CheckStatus.FAIL, measured, meaning, next, Optional.of(side));
    }

    /** It works, but needs attention. */
    public static CheckResult warn(String step, String name, String measured, String meaning, String next, Side side) {
        return new CheckResult(step, name, CheckStatus.WARN, measured, meaning, next, Optional.of(side));
    }

    /** Not measured; {@code why} says why. */
    public static CheckResult skip(String step, String name, String why) {
        return new CheckResult(step, name, CheckStatus.SKIP, why, "", "", Optional.empty());
    }

    /** True for {@link CheckStatus#FAIL}. */
    public boolean failed() {
        return status == CheckStatus.FAIL;
    }

    private static String bounded(String field, String value) {
        Objects.requireNonNull(value, field);
        String oneLine = value.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT - 3) + "...";
    }
}
