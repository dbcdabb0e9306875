package dev.demarc.hal.diagnostics;

import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.RouteHop;
import dev.demarc.tr181.platform.TraceRouteResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads what {@code traceroute -n} printed (the Linux traceroute and busybox's print alike):
 *
 * <pre>
 * traceroute to 10.0.0.9 (10.0.0.9), 30 hops max, 60 byte packets
 *  1  192.168.1.1  0.412 ms  0.371 ms  0.353 ms
 *  2  * * *
 *  3  10.0.0.1  5.1 ms !H  10.0.0.2  5.3 ms  *
 * </pre>
 *
 * Each hop keeps the last address that answered, one round-trip time per probe (rounded up to a
 * whole millisecond, at least 1; 0 for a probe without answer) and the ICMP code of an
 * annotation ({@code !N} 0, {@code !H} 1, {@code !P} 2, {@code !F} 4, {@code !S} 5, {@code !X}
 * 13, {@code !V} 14, {@code !C} 15, {@code !<n>} n). Pure.
 */
public final class TraceRouteOutput {

    private static final Pattern HOP = Pattern.compile("^\\s*(\\d+)\\s+(.*)$");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");

    private TraceRouteOutput() {
    }

    /**
     * The route to {@code destination} (the address probed) in {@code run}'s output: Complete
     * when the last hop is the destination, {@code Error_MaxHopCountExceeded} when it is not and
     * the route used every hop allowed, {@code Error_NoRouteToHost} when the tool said the
     * network is unreachable, else {@code Error_Other}.
     */
    public static TraceRouteResult parse(ToolRunner.Completed run, String destination, int tries, int maxHops,
                                         String addressUsed) {
        List<RouteHop> hops = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            var m = HOP.matcher(line);
            if (!m.matches() || hops.size() >= maxHops) {
                continue;
            }
            hops.add(hop(m.group(2), tries));
        }
        String all = (run.stdout() + "\n" + run.stderr()).toLowerCase(Locale.ROOT);
        if (hops.isEmpty()) {
            boolean unreachable = all.contains("unreachable") || all.contains("no route to host");
            return TraceRouteResult.failed(unreachable ? DiagnosticsStatus.NO_ROUTE_TO_HOST : DiagnosticsStatus.OTHER,
                    addressUsed);
        }
        return result(hops, destination, maxHops, addressUsed);
    }

    /** The status and response time of a route found hop by hop. */
    public static TraceRouteResult result(List<RouteHop> hops, String destination, int maxHops, String addressUsed) {
        RouteHop last = hops.get(hops.size() - 1);
        boolean reached = last.host().equals(destination) || last.hostAddress().equals(destination);
        if (!reached) {
            DiagnosticsStatus status = hops.size() >= maxHops ? DiagnosticsStatus.MAX_HOP_COUNT_EXCEEDED
                    : DiagnosticsStatus.OTHER;
            return new TraceRouteResult(status, addressUsed, 0, hops);
        }
        long answered = last.rttMillis().stream().filter(t -> t > 0).count();
        long sum = last.rttMillis().stream().mapToLong(Long::longValue).sum();
        long response = answered == 0 ? 0 : Math.max(1, Math.round(sum / (double) answered));
        return new TraceRouteResult(DiagnosticsStatus.COMPLETE, addressUsed, response, hops);
    }

    private static RouteHop hop(String rest, int tries) {
        String[] tokens = rest.trim().split("\\s+");
        String address = "";
        long code = 0;
        List<Long> rtts = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.equals("*")) {
                rtts.add(0L);
            } else if (NUMBER.matcher(t).matches() && i + 1 < tokens.length && tokens[i + 1].equals("ms")) {
                rtts.add(Math.max(1, new BigDecimal(t).setScale(0, RoundingMode.CEILING).longValue()));
                i++;
            } else if (t.startsWith("!")) {
                code = annotation(t);
            } else if (t.startsWith("(") && t.endsWith(")")) {
                address = t.substring(1, t.length() - 1);
            } else if (!t.equals("ms")) {
                address = t;
            }
        }
        while (rtts.size() > tries && rtts.size() > 1) {
            rtts.remove(rtts.size() - 1);
        }
        if (rtts.isEmpty()) {
            rtts.add(0L);
        }
        return new RouteHop(address.length() > 256 ? address.substring(0, 256) : address, "", code, rtts);
    }

    private static long annotation(String t) {
        String a = t.substring(1);
        if (a.matches("[0-9]{1,3}")) {
            return Math.min(255, Long.parseLong(a));
        }
        return switch (a.isEmpty() ? ' ' : a.charAt(0)) {
            case 'N' -> 0;
            case 'H' -> 1;
            case 'P' -> 2;
            case 'F' -> 4;
            case 'S' -> 5;
            case 'X' -> 13;
            case 'V' -> 14;
            case 'C' -> 15;
            default -> 0;
        };
    }
}
