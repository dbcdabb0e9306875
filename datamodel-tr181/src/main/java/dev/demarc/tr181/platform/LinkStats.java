package dev.demarc.tr181.platform;

import java.util.Objects;

/**
 * The traffic counters of a link since it was created, as the kernel counts them (none is
 * negative). The kernel cannot reset them; the data model subtracts a baseline where TR-181 says
 * statistics are reset.
 *
 * @param bytesSent         transmitted bytes
 * @param bytesReceived     received bytes
 * @param packetsSent       transmitted packets
 * @param packetsReceived   received packets
 * @param errorsSent        packets not transmitted because of errors
 * @param errorsReceived    received packets with errors
 * @param discardsSent      outbound packets dropped without an error (e.g. no buffer)
 * @param discardsReceived  inbound packets dropped without an error
 * @param multicastReceived received multicast packets
 * @param collisions        collisions on a half-duplex Ethernet link
 */
public record LinkStats(long bytesSent, long bytesReceived, long packetsSent, long packetsReceived,
                        long errorsSent, long errorsReceived, long discardsSent, long discardsReceived,
                        long multicastReceived, long collisions) {

    /** Nothing counted. */
    public static final LinkStats ZERO = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public LinkStats {
        if (bytesSent < 0 || bytesReceived < 0 || packetsSent < 0 || packetsReceived < 0 || errorsSent < 0
                || errorsReceived < 0 || discardsSent < 0 || discardsReceived < 0 || multicastReceived < 0
                || collisions < 0) {
            throw new IllegalArgumentException("a counter is not negative");
        }
    }

    /**
     * These counters less {@code baseline}; when any counter is below its baseline (the link was
     * made anew and counts from zero again), these counters as they are.
     */
    public LinkStats since(LinkStats baseline) {
        if (bytesSent < baseline.bytesSent || bytesReceived < baseline.bytesReceived
                || packetsSent < baseline.packetsSent || packetsReceived < baseline.packetsReceived
                || errorsSent < baseline.errorsSent || errorsReceived < baseline.errorsReceived
                || discardsSent < baseline.discardsSent || discardsReceived < baseline.discardsReceived
                || multicastReceived < baseline.multicastReceived || collisions < baseline.collisions) {
            return this;
        }
        return new LinkStats(bytesSent - baseline.bytesSent, bytesReceived - baseline.bytesReceived,
                packetsSent - baseline.packetsSent, packetsReceived - baseline.packetsReceived,
                errorsSent - baseline.errorsSent, errorsReceived - baseline.errorsReceived,
                discardsSent - baseline.discardsSent, discardsReceived - baseline.discardsReceived,
                multicastReceived - baseline.multicastReceived, collisions - baseline.collisions);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof LinkStats o
                && bytesSent == o.bytesSent
                && bytesReceived == o.bytesReceived
                && packetsSent == o.packetsSent
                && packetsReceived == o.packetsReceived
                && errorsSent == o.errorsSent
                && errorsReceived == o.errorsReceived
                && discardsSent == o.discardsSent
                && discardsReceived == o.discardsReceived
                && multicastReceived == o.multicastReceived
                && collisions == o.collisions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bytesSent, bytesReceived, packetsSent, packetsReceived, errorsSent, errorsReceived,
                discardsSent, discardsReceived, multicastReceived, collisions);
    }
}
