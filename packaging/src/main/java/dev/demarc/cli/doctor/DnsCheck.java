package dev.demarc.cli.doctor;

import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.WanState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The step "DNS resolution through the configured servers": asks each DNS server the platform's
 * WAN part lists, directly (not through the system's resolver and its cache), for the names the
 * agent needs (the configured servers' host names; the root's name servers when there are none).
 *
 * <p>Called on the thread that runs the doctor; each query waits at most the timeout.
 */
public final class DnsCheck {

    public static final String STEP = "dns";
    public static final String NAME = "DNS resolution";
    /** The most servers asked, and the most names asked of each. */
    public static final int MAX_SERVERS = 8;
    public static final int MAX_NAMES = 4;
    /** The DNS port. */
    public static final int PORT = 53;

    private DnsCheck() {
    }

    /**
     * The names to resolve: {@code given} when not empty, else the host names (not addresses) of
     * {@code endpoints}, else {@link DnsProbe#ROOT}; at most {@link #MAX_NAMES}.
     */
    public static List<String> names(List<String> given, ConfiguredEndpoints endpoints) {
        Set<String> names = new LinkedHashSet<>(given);
        if (names.isEmpty()) {
            for (Endpoint e : endpoints.endpoints()) {
                if (!isAddress(e.host())) {
                    names.add(e.host());
                }
            }
        }
        if (names.isEmpty()) {
            names.add(DnsProbe.ROOT);
        }
        return new ArrayList<>(names).subList(0, Math.min(MAX_NAMES, names.size()));
    }

    public static CheckResult check(WanState wan, List<String> names, DnsProbe probe, int port, Duration timeout) {
        List<DnsServerState> servers = wan.dnsServers();
        if (servers.isEmpty()) {
            boolean dhcp = wan.wan().present() && wan.dhcpClient(wan.wan().key()).map(c -> !c.ipAddress().isEmpty())
                    .orElse(false);
            return CheckResult.fail(STEP, NAME, "no DNS server configured",
                    "the gateway cannot turn names into addresses: nothing that uses a name (the agent's servers,"
                            + " NTP) works",
                    dhcp ? "the DHCP lease gave no DNS server (option 6): ask the provider, or configure servers"
                            + " by hand" : "configure DNS servers (/etc/resolv.conf; OpenWrt: option dns in"
                            + " /etc/config/network)",
                    dhcp ? Side.PROVIDER : Side.GATEWAY);
        }
        List<String> parts = new ArrayList<>();
        List<String> failedServers = new ArrayList<>();
        List<String> filtering = new ArrayList<>();
        int working = 0;
        for (DnsServerState server : servers.subList(0, Math.min(MAX_SERVERS, servers.size()))) {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(server.address()), port);
            } catch (UnknownHostException e) {
                continue; // an address literal always parses
            }
            boolean answers = true;
            List<String> said = new ArrayList<>();
            for (String name : names) {
                DnsAnswer a = probe.query(address, name, timeout);
                String shown = DnsProbe.ROOT.equals(name) ? "the root" : name;
                switch (a.outcome()) {
                    case ANSWERED -> said.add(shown + (a.addresses().isEmpty() ? " answered"
                            : " -> " + String.join(" ", a.addresses())) + " (" + a.millis() + " ms)");
                    case NO_ADDRESS, NAME_ERROR -> {
                        said.add(shown + ": " + (a.outcome() == DnsAnswer.Outcome.NAME_ERROR
                                ? "no such name" : "no address") + " (" + a.millis() + " ms)");
                        if (DnsProbe.ROOT.equals(name)) {
                            filtering.add(server.address());
                        }
                    }
                    default -> {
                        said.add(shown + ": " + describe(a));
                        answers = false;
                    }
                }
            }
            parts.add(server.address() + (server.type() == DnsServerState.Type.STATIC ? " (static)" : "")
                    + ": " + String.join(", ", said));
            if (answers) {
                working++;
            } else {
                failedServers.add(server.address());
            }
        }
        String measured = String.join("; ", parts);
        if (working == 0) {
            return CheckResult.fail(STEP, NAME, measured,
                    "no DNS server answers: the gateway cannot turn names into addresses, so the agent cannot find"
                            + " its servers",
                    "if the default gateway answers, the provider's DNS servers are down or unreachable: ask the"
                            + " provider; else fix the steps above first",
                    Side.PROVIDER);
        }
        if (!failedServers.isEmpty()) {
            return CheckResult.warn(STEP, NAME, measured,
                    "DNS server " + String.join(" and ", failedServers) + " does not answer; the others do, so names"
                            + " resolve, more slowly",
                    "ask the provider about " + String.join(" and ", failedServers) + ", or remove it from the"
                            + " configuration",
                    Side.PROVIDER);
        }
        if (!filtering.isEmpty()) {
            return CheckResult.warn(STEP, NAME, measured,
                    "DNS server " + String.join(" and ", filtering) + " answers, but says the root zone does not"
                            + " exist: it filters names, or is not a full resolver, so names the agent needs may not"
                            + " resolve",
                    "test the names that matter: --dns-name NAME, or the servers of the agent's configuration"
                            + " (--defaults FILE, or a running agent)",
                    Side.PROVIDER);
        }
        // names the servers say do not exist are not a failure of the DNS: the server step says what it means
        return CheckResult.pass(STEP, NAME, measured);
    }

    private static String describe(DnsAnswer a) {
        return switch (a.outcome()) {
            case TIMEOUT -> "no answer (" + a.detail() + ")";
            case UNREACHABLE -> "unreachable (" + a.detail() + ")";
            case SERVER_FAILURE -> "server failure (SERVFAIL: its own upstream fails)";
            case REFUSED -> "refused (REFUSED: it does not serve this gateway)";
            default -> a.outcome().name().toLowerCase(java.util.Locale.ROOT) + " (" + a.detail() + ")";
        };
    }

    /** True for an IPv4 or IPv6 address literal. */
    static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
