package dev.demarc.cli.doctor;

import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The step "WAN address, lease and its remaining time": the WAN's IPv4 address and how it got it
 * (DHCP lease and the time left, PPP session, static), from the platform's WAN part.
 *
 * <p>Pure: any thread.
 */
public final class WanAddressCheck {

    public static final String STEP = "wan.address";
    public static final String NAME = "WAN address";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private WanAddressCheck() {
    }

    public static CheckResult check(WanState wan, Instant now) {
        WanInterface w = wan.wan();
        if (!w.present()) {
            return CheckResult.skip(STEP, NAME, "no WAN interface (see above)");
        }
        Optional<PppInterfaceState> ppp = wan.pppInterface(w.key())
                .or(() -> wan.ppp().stream().filter(p -> p.name().equals(w.device())).findFirst());
        if (ppp.isPresent()) {
            return ppp(w, ppp.get());
        }
        Optional<DhcpV4ClientState> dhcp = wan.dhcpClient(w.key());
        if (w.ipAddress().isEmpty()) {
            if (dhcp.isPresent() && !dhcp.get().enabled()) {
                return CheckResult.fail(STEP, NAME, w.key() + ": no IPv4 address; its DHCP client is disabled",
                        "the gateway does not ask the provider for an address",
                        "enable the DHCP client (Device.DHCPv4.Client.{i}.Enable; OpenWrt: proto 'dhcp' for "
                                + w.key() + " in /etc/config/network)",
                        Side.GATEWAY);
            }
            if (dhcp.isPresent()) {
                return CheckResult.fail(STEP, NAME, w.key() + ": no IPv4 address; DHCP client "
                                + dhcp.get().dhcpStatus().text(),
                        "the provider's DHCP server does not answer: the line beyond the modem is down, or the"
                                + " provider does not (yet) serve this gateway",
                        "check the modem/ONT; some providers serve only a registered MAC address or need a VLAN on"
                                + " the WAN; the system log tells the DHCP client's attempts ('logread', "
                                + "'journalctl')",
                        Side.PROVIDER);
            }
            return CheckResult.fail(STEP, NAME, w.key() + ": no IPv4 address and no DHCP client",
                    "the WAN has neither an address of its own nor a DHCP client to get one",
                    "configure the WAN: DHCP, or the static address the provider gave (OpenWrt: /etc/config/network)",
                    Side.GATEWAY);
        }
        if (w.ipAddress().startsWith("169.254.")) {
            return CheckResult.fail(STEP, NAME, w.key() + ": " + w.ipAddress() + ", a link-local address",
                    "the gateway gave itself an address because no DHCP server answered",
                    "check the modem/ONT and the provider's service; see the DHCP client's attempts in the system"
                            + " log",
                    Side.PROVIDER);
        }
        if (dhcp.isEmpty() || dhcp.get().ipAddress().isEmpty()) {
            return CheckResult.pass(STEP, NAME, w.key() + ": " + w.ipAddress() + ", static (no DHCP lease)"
                    + upSince(w, now));
        }
        DhcpV4ClientState d = dhcp.get();
        String address = w.key() + ": " + d.ipAddress() + (d.subnetMask().isEmpty() ? "" : "/" + d.subnetMask())
                + " by DHCP" + (d.dhcpServer().isEmpty() ? "" : " from " + d.dhcpServer());
        Optional<Long> left = d.leaseSecondsRemaining(now);
        String lease = left.isEmpty() ? ", lease time not known"
                : left.get() < 0 ? ", lease never ends"
                : ", lease " + duration(left.get()) + " left (until " + TIME.format(d.leaseExpires().orElseThrow())
                        + ")";
        String measured = address + lease + ", DHCP state " + d.dhcpStatus().text();
        if (left.isPresent() && left.get() == 0) {
            return CheckResult.fail(STEP, NAME, measured,
                    "the lease has ended and was not renewed: the provider's DHCP server stopped answering",
                    "check the modem/ONT and the provider's service; renew by hand "
                            + "(Device.DHCPv4.Client.{i}.Renew(); OpenWrt: 'ifup " + w.key() + "')",
                    Side.PROVIDER);
        }
        if (d.dhcpStatus() == DhcpV4ClientState.DhcpStatus.REBINDING) {
            return CheckResult.warn(STEP, NAME, measured,
                    "the server that gave the lease did not answer its renewal; the gateway asks any server now",
                    "if the lease ends without an answer, the WAN goes down: check the provider's service",
                    Side.PROVIDER);
        }
        return CheckResult.pass(STEP, NAME, measured);
    }

    private static CheckResult ppp(WanInterface w, PppInterfaceState p) {
        String where = w.key() + " (PPP " + p.name() + (p.lowerLayer().isEmpty() ? "" : " over " + p.lowerLayer())
                + ")";
        if (!p.enabled()) {
            return CheckResult.fail(STEP, NAME, where + ": disabled",
                    "the gateway does not start the PPP session",
                    "enable it (Device.PPP.Interface.{i}.Enable; OpenWrt: 'ifup " + w.key() + "')", Side.GATEWAY);
        }
        if (p.connection() != PppInterfaceState.ConnectionStatus.CONNECTED || p.localAddress().isEmpty()) {
            return CheckResult.fail(STEP, NAME, where + ": " + p.connection().text() + ", status " + p.status().text()
                            + (p.username().isEmpty() ? "" : ", user " + p.username()),
                    "the PPP session is not up: the provider's access server does not answer, or refuses the"
                            + " user name and password",
                    "check the user name and password the provider gave (Device.PPP.Interface.{i}.Username,"
                            + " Password); the system log tells whether authentication failed or nothing answered",
                    Side.PROVIDER);
        }
        return CheckResult.pass(STEP, NAME, where + ": " + p.localAddress() + " by IPCP, peer "
                + (p.remoteAddress().isEmpty() ? "unknown" : p.remoteAddress())
                + (p.sessionId() > 0 ? ", PPPoE session " + p.sessionId() : ""));
    }

    private static String upSince(WanInterface w, Instant now) {
        return w.upSince().map(t -> ", up for " + duration(Math.max(0, now.getEpochSecond() - t.getEpochSecond())))
                .orElse("");
    }

    /** {@code 2 d 3 h}, {@code 22 h 36 min}, {@code 5 min 3 s}. */
    static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (d > 0) {
            return d + " d " + h + " h";
        }
        if (h > 0) {
            return h + " h " + m + " min";
        }
        return m > 0 ? m + " min " + s + " s" : s + " s";
    }
}
