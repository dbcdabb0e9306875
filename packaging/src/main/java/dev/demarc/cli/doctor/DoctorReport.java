package dev.demarc.cli.doctor;

import dev.demarc.core.text.JsonWriter;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code demarc doctor} found: every step's result in order, and where it looked. Prints as
 * aligned text or as one JSON object. Immutable.
 *
 * @param platform      the platform the device was read through ({@code linux}, {@code simulated:FILE})
 * @param at            when the checks started
 * @param configuration where the configured servers were read (the running agent, a defaults file, nowhere)
 * @param results       the results, in the order the steps ran, at most {@link #MAX_RESULTS}
 */
public record DoctorReport(String platform, Instant at, String configuration, List<CheckResult> results) {

    public static final int MAX_RESULTS = 128;
    /** The exit code when every step passed (warnings and skipped steps included). */
    public static final int EXIT_PASSED = 0;
    /** The exit code when a step failed. */
    public static final int EXIT_FAILED = 1;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_NAME_COLUMN = 44;
    private static final String INDENT = "        ";

    public DoctorReport {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(configuration, "configuration");
        results = List.copyOf(results);
        if (results.size() > MAX_RESULTS) {
            throw new IllegalArgumentException("more than " + MAX_RESULTS + " results");
        }
    }

    /** The first failed step, if any. */
    public Optional<CheckResult> firstFailure() {
        return results.stream().filter(CheckResult::failed).findFirst();
    }

    /** {@value #EXIT_FAILED} when a step failed, else {@value #EXIT_PASSED}. */
    public int exitCode() {
        return firstFailure().isPresent() ? EXIT_FAILED : EXIT_PASSED;
    }

    public long count(CheckStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** The summary's sentence: where the first failure lies, or that there is none. */
    public String verdict() {
        Optional<CheckResult> first = firstFailure();
        if (first.isPresent()) {
            Side side = first.get().side().orElseThrow();
            return "The first failure, " + first.get().name() + ", lies " + side.where() + ".";
        }
        if (count(CheckStatus.WARN) > 0) {
            return "No step failed, but see the warnings above. Up to the provider's network and the configured"
                    + " servers the line works: a problem the customer still has lies "
                    + Side.CUSTOMER.where() + ".";
        }
        return "No step failed: up to the provider's network and the configured servers the line works. A problem"
                + " the customer still has lies " + Side.CUSTOMER.where() + ".";
    }

    /** {@code 5 passed, 1 warning, 1 failed, 1 skipped}. */
    public String counts() {
        long w = count(CheckStatus.WARN);
        return count(CheckStatus.PASS) + " passed, " + w + " warning" + (w == 1 ? "" : "s") + ", "
                + count(CheckStatus.FAIL) + " failed, " + count(CheckStatus.SKIP) + " skipped";
    }

    /** The report as aligned text: one line per step, a failure's meaning and next place to look below it. */
    public void printText(PrintWriter out) {
        out.println("demarc doctor: platform " + platform + ", " + TIME.format(at));
        out.println("configured servers: " + configuration);
        out.println();
        int width = Math.min(MAX_NAME_COLUMN, results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        for (CheckResult r : results) {
            String name = r.name();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-4s  ", r.status().name()));
            if (name.length() > width) {
                line.append(name);
                out.println(line);
                line = new StringBuilder(" ".repeat(6 + width + 2));
            } else {
                line.append(name).append(" ".repeat(width - name.length() + 2));
            }
            out.println(line.append(r.measured()).toString().stripTrailing());
            if (!r.meaning().isEmpty()) {
                out.println(INDENT + "means: " + r.meaning());
            }
            if (!r.next().isEmpty()) {
                out.println(INDENT + "next:  " + r.next());
            }
            r.side().ifPresent(s -> out.println(INDENT + "side:  " + s.words()));
        }
        out.println();
        out.println("Summary: " + counts() + ".");
        out.println(verdict());
        out.flush();
    }

    /** The report as one JSON object (see the README's "Diagnosing the line" for its members). */
    public String toJson() {
        JsonWriter w = new JsonWriter().beginObject()
                .name("platform").value(platform)
                .name("time").value(at.toString())
                .name("configuration").value(configuration)
                .name("checks").beginArray();
        for (CheckResult r : results) {
            w.beginObject()
                    .name("step").value(r.step())
                    .name("name").value(r.name())
                    .name("status").value(r.status().name().toLowerCase(Locale.ROOT))
                    .name("measured").value(r.measured())
                    .name("meaning").value(r.meaning())
                    .name("next").value(r.next())
                    .name("side");
            if (r.side().isPresent()) {
                w.value(r.side().get().jsonName());
            } else {
                w.nullValue();
            }
            w.endObject();
        }
        w.endArray().name("summary").beginObject()
                .name("passed").value(count(CheckStatus.PASS))
                .name("warnings").value(count(CheckStatus.WARN))
                .name("failed").value(count(CheckStatus.FAIL))
                .name("skipped").value(count(CheckStatus.SKIP))
                .name("firstFailure");
        Optional<CheckResult> first = firstFailure();
        if (first.isPresent()) {
            w.beginObject().name("step").value(first.get().step()).name("name").value(first.get().name())
                    .name("side").value(first.get().side().orElseThrow().jsonName()).endObject();
        } else {
            w.nullValue();
        }
        return w.name("verdict").value(verdict()).endObject().endObject().toJson();
    }
}
