package dev.demarc.hal.diagnostics;

import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.PingResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code ping} printed, from iputils ({@code 64 bytes from 127.0.0.1: icmp_seq=1
 * ttl=64 time=0.045 ms}) or busybox ({@code ... seq=0 ttl=64 time=0.085 ms}): each request's
 * first reply and its round-trip time (duplicates are not counted again). Pure.
 */
public final class PingOutput {

    private static final Pattern REPLY = Pattern.compile(
            "bytes from .*?\\b(?:icmp_seq|seq)=(\\d+)\\b.*?\\btime[=<]\\s*([0-9]+(?:\\.[0-9]+)?)\\s*ms");

    private PingOutput() {
    }

    /**
     * The result of sending {@code sent} requests, from the tool's exit status and outputs.
     * A run that got no reply and says the network or host is unreachable is
     * {@code Error_NoRouteToHost}; one that failed otherwise without any reply line is
     * {@code Error_Other}; else it is {@code Complete} with the counts and times.
     */
    public static PingResult parse(int sent, ToolRunner.Completed run, String addressUsed) {
        Map<Long, Long> micros = new LinkedHashMap<>();
        for (String line : run.stdout().lines().toList()) {
            Matcher m = REPLY.matcher(line);
            if (m.find() && !line.contains("DUP!")) {
                long seq = Long.parseLong(m.group(1));
                long us = new BigDecimal(m.group(2)).movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
                micros.putIfAbsent(seq, us);
            }
            if (micros.size() >= sent) {
                break;
            }
        }
        String all = (run.stdout() + "\n" + run.stderr()).toLowerCase(Locale.ROOT);
        if (micros.isEmpty() && (all.contains("network is unreachable") || all.contains("network unreachable")
                || all.contains("no route to host"))) {
            return PingResult.failed(DiagnosticsStatus.NO_ROUTE_TO_HOST, addressUsed);
        }
        if (micros.isEmpty() && run.exitStatus() > 1) {
            return PingResult.failed(DiagnosticsStatus.OTHER, addressUsed);
        }
        int ok = micros.size();
        long min = micros.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = micros.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long avg = ok == 0 ? 0 : Math.round(micros.values().stream().mapToLong(Long::longValue).sum() / (double) ok);
        avg = Math.max(min, Math.min(max, avg));
        return new PingResult(DiagnosticsStatus.COMPLETE, addressUsed, ok, Math.max(0, sent - ok), avg, min, max);
    }
}
