package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The device's network as the platform last read it: its links and its IP interfaces.
 * Immutable; names are unique within each list, which keeps the platform's order.
 *
 * @param links        at most {@link #MAX_LINKS}
 * @param ipInterfaces at most {@link #MAX_LINKS}
 */
public record NetworkSnapshot(List<Link> links, List<IpInterface> ipInterfaces) {

    /** The most links (and IP interfaces) a snapshot holds. */
    public static final int MAX_LINKS = 1024;
    /** A lifetime that never ends: TR-181's infinite dateTime, {@code 9999-12-31T23:59:59Z}. */
    public static final Instant INFINITE = Instant.parse("9999-12-31T23:59:59Z");
    /** No links, no interfaces. */
    public static final NetworkSnapshot EMPTY = new NetworkSnapshot(List.of(), List.of());

    public NetworkSnapshot {
        if (links.size() > MAX_LINKS || ipInterfaces.size() > MAX_LINKS) {
            throw new IllegalArgumentException("more than " + MAX_LINKS + " links or IP interfaces");
        }
        links = List.copyOf(links);
        ipInterfaces = List.copyOf(ipInterfaces);
        Set<String> seen = new HashSet<>();
        for (Link l : links) {
            if (!seen.add(l.name())) {
                throw new IllegalArgumentException("link " + l.name() + " given twice");
            }
        }
        seen.clear();
        for (IpInterface i : ipInterfaces) {
            if (!seen.add(i.name())) {
                throw new IllegalArgumentException("IP interface " + i.name() + " given twice");
            }
        }
    }

    // link and ipInterface are asked for at every read of an interface's values: they count
    // through the list rather than iterate, as the agent's compiler (C1) makes every iterator an
    // object of its own.

    public Optional<Link> link(String name) {
        for (int k = 0; k < links.size(); k++) {
            Link l = links.get(k);
            if (l.name().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    public Optional<IpInterface> ipInterface(String name) {
        for (int k = 0; k < ipInterfaces.size(); k++) {
            IpInterface i = ipInterfaces.get(k);
            if (i.name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The links whose master is {@code bridge}, in order. */
    public List<Link> members(String bridge) {
        return links.stream().filter(l -> l.master().equals(bridge)).toList();
    }

    /**
     * True when {@code other} has the same links and interfaces in the same states, counters and
     * last-change times aside: nothing a notification would tell has changed.
     */
    public boolean sameState(NetworkSnapshot other) {
        return links.stream().map(Link::steady).toList().equals(other.links.stream().map(Link::steady).toList())
                && ipInterfaces.stream().map(IpInterface::steady).toList()
                .equals(other.ipInterfaces.stream().map(IpInterface::steady).toList());
    }

    /** This snapshot with {@code link} in place of the link of the same name. */
    public NetworkSnapshot withLink(Link link) {
        return new NetworkSnapshot(links.stream().map(l -> l.name().equals(link.name()) ? link : l).toList(),
                ipInterfaces);
    }

    /** This snapshot with {@code iface} in place of the IP interface of the same name. */
    public NetworkSnapshot withIpInterface(IpInterface iface) {
        return new NetworkSnapshot(links,
                ipInterfaces.stream().map(i -> i.name().equals(iface.name()) ? iface : i).toList());
    }
}
