package dev.demarc.cli.doctor;

import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The step "WAN link carrier": whether the physical link under the WAN (the Ethernet port under a
 * VLAN or a PPPoE session) is up and sees the other end. Which interface is the WAN comes from
 * the platform's WAN part; the link's state from its network part.
 *
 * <p>Pure: any thread.
 */
public final class WanCarrierCheck {

    public static final String STEP = "wan.carrier";
    public static final String NAME = "WAN link carrier";
    /** How many stacked links (VLAN on VLAN on a port) are followed down. */
    private static final int MAX_STACK = 4;

    private WanCarrierCheck() {
    }

    public static CheckResult check(WanState wan, NetworkSnapshot network) {
        if (network.links().isEmpty()) {
            return CheckResult.skip(STEP, NAME, "the platform reads no network links");
        }
        WanInterface w = wan.wan();
        if (!w.present()) {
            return CheckResult.fail(STEP, NAME, "no WAN interface; " + ports(network),
                    "the gateway does not know which interface leads to the Internet: it has no default route"
                            + " (and on OpenWrt no 'wan' interface). Either the WAN is not configured, or it never"
                            + " got an address",
                    "look at the ports above: a WAN cable without carrier is the first thing to fix; then 'ip route'"
                            + " (OpenWrt: 'uci show network.wan', 'ifstatus wan')",
                    Side.GATEWAY);
        }
        String device = w.device();
        Optional<PppInterfaceState> ppp = wan.pppInterface(w.key())
                .or(() -> wan.ppp().stream().filter(p -> p.name().equals(w.device())).findFirst());
        if (ppp.isPresent() && !ppp.get().lowerLayer().isEmpty()) {
            device = ppp.get().lowerLayer();
        }
        if (device.isEmpty()) {
            return CheckResult.skip(STEP, NAME, "the platform does not say which network device carries the WAN "
                    + w.key());
        }
        Optional<Link> top = network.link(device);
        if (top.isEmpty()) {
            return CheckResult.skip(STEP, NAME, "the WAN " + w.key() + " runs on " + device
                    + ", which the platform does not list among its links");
        }
        List<Link> stack = new ArrayList<>(List.of(top.get()));
        while (stack.size() < MAX_STACK && !stack.get(stack.size() - 1).lowerDevice().isEmpty()) {
            Optional<Link> lower = network.link(stack.get(stack.size() - 1).lowerDevice());
            if (lower.isEmpty()) {
                break;
            }
            stack.add(lower.get());
        }
        Link port = stack.get(stack.size() - 1);
        String where = (w.key().equals(port.name()) ? "" : w.key() + " on ") + describeStack(stack);
        for (Link l : stack) {
            if (!l.adminUp()) {
                return CheckResult.fail(STEP, NAME, where + ": " + l.name() + " is administratively down",
                        "the gateway itself has switched the WAN port " + l.name() + " off",
                        "bring it up: 'ip link set " + l.name() + " up' (OpenWrt: 'ifup " + w.key()
                                + "', and check that the interface is not disabled in /etc/config/network)",
                        Side.GATEWAY);
            }
        }
        if (!port.carrier()) {
            return CheckResult.fail(STEP, NAME, where + ": no carrier (" + state(port) + ")",
                    "nothing answers at the other end of the WAN cable: the cable is unplugged or broken, or the"
                            + " provider's modem or ONT is off or faulty",
                    "check the cable between the WAN port and the provider's modem/ONT, and the modem's lights"
                            + " (line/PON/DSL sync); if they show a fault, call the provider",
                    Side.PROVIDER);
        }
        return CheckResult.pass(STEP, NAME, where + ": carrier up" + speed(port));
    }

    private static String describeStack(List<Link> stack) {
        List<String> names = stack.stream().map(Link::name).toList();
        return String.join(" on ", names);
    }

    private static String state(Link l) {
        return "operational state " + l.operState().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String speed(Link l) {
        StringBuilder b = new StringBuilder();
        if (l.speedMbps() > 0) {
            b.append(", ").append(l.speedMbps()).append(" Mbit/s");
        }
        if (l.duplex() == Duplex.FULL || l.duplex() == Duplex.HALF) {
            b.append(", ").append(l.duplex().name().toLowerCase(Locale.ROOT)).append(" duplex");
        }
        return b.toString();
    }

    /** {@code ports with carrier: eth0; without: eth1}: the Ethernet ports, for a gateway without a WAN. */
    private static String ports(NetworkSnapshot network) {
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (Link l : network.links()) {
            if (l.kind() == LinkKind.ETHERNET || l.kind() == LinkKind.VETH) {
                (l.carrier() ? up : down).add(l.name());
            }
        }
        return "Ethernet ports with carrier: " + (up.isEmpty() ? "none" : String.join(" ", up)) + "; without: "
                + (down.isEmpty() ? "none" : String.join(" ", down));
    }
}
