package dev.demarc.cli.doctor;

import java.util.List;
import java.util.Objects;

/**
 * What one DNS server said about one name. Immutable.
 *
 * @param outcome   how the query ended
 * @param addresses the addresses it gave (IPv4 first, then IPv6), at most {@link #MAX_ADDRESSES}
 * @param millis    the time from the query to the answer (or to giving up)
 * @param detail    for an outcome other than {@link Outcome#ANSWERED}, a few words more; else empty
 */
public record DnsAnswer(Outcome outcome, List<String> addresses, long millis, String detail) {

    /** The most addresses kept from one answer. */
    public static final int MAX_ADDRESSES = 16;

    /** How a query ended. */
    public enum Outcome {
        /** The name resolved (for the root: the server gave the root's name servers). */
        ANSWERED,
        /** The server answered that the name exists but has no IPv4 or IPv6 address. */
        NO_ADDRESS,
        /** The server answered that the name does not exist (NXDOMAIN). */
        NAME_ERROR,
        /** The server could not resolve it (SERVFAIL): its own upstream failed. */
        SERVER_FAILURE,
        /** The server refused to answer (REFUSED): it does not serve this gateway. */
        REFUSED,
        /** No answer in time. */
        TIMEOUT,
        /** The query could not be sent or the server's host said nothing listens (ICMP unreachable). */
        UNREACHABLE,
        /** Something answered, but not a DNS answer to this query. */
        BAD_ANSWER
    }

    public DnsAnswer {
        Objects.requireNonNull(outcome, "outcome");
        addresses = List.copyOf(addresses.size() <= MAX_ADDRESSES ? addresses : addresses.subList(0, MAX_ADDRESSES));
        Objects.requireNonNull(detail, "detail");
        if (millis < 0) {
            throw new IllegalArgumentException("millis < 0");
        }
    }

    /** An answer without addresses. */
    public static DnsAnswer of(Outcome outcome, long millis, String detail) {
        return new DnsAnswer(outcome, List.of(), millis, detail);
    }
}
