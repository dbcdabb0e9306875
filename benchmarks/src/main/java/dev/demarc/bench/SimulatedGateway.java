package dev.demarc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the simulated file ({@code --platform simulated:FILE}) of a large gateway, for the
 * platform benchmarks: {@code ports} Ethernet ports {@code eth0}..., each with an IP interface
 * of its own holding an IPv4 address, a global IPv6 address and an IPv6 prefix ({@code eth0} is
 * the WAN, the others LAN segments {@code 10.N.0.1/24}); a bridge {@code br-lan} (the
 * {@code lan} interface, 192.168.1.1/24) holding two Wi-Fi SSIDs on two radios (2.4 and 5 GHz),
 * each an access point; {@code stations} Wi-Fi stations spread evenly over the two access points,
 * each with a DHCP lease and a host entry; plus the other areas of a gateway (device info,
 * system status, WAN side with a route per interface, a port mapping, NTP). Every value is
 * valid, so that a Get of {@code Device.} reads all of them. No timeline: the file does not
 * change while it is measured.
 */
final class SimulatedGateway {

    private SimulatedGateway() {
    }

    /** The file's JSON text. */
    static String json(int ports, int stations) {
        if (ports < 1 || ports > 200 || stations < 0 || stations > 1000) {
            throw new IllegalArgumentException("1..200 ports and 0..1000 stations");
        }
        List<String> links = new ArrayList<>();
        List<String> ifaces = new ArrayList<>();
        List<String> v4Routes = new ArrayList<>();
        links.add("{\"name\": \"lo\", \"index\": 1, \"kind\": \"loopback\", \"mac\": \"00:00:00:00:00:00\","
                + " \"mtu\": 65536, \"operState\": \"unknown\"}");
        ifaces.add("{\"name\": \"loopback\", \"type\": \"loopback\", \"device\": \"lo\", \"proto\": \"static\","
                + " \"ipv4\": [{\"address\": \"127.0.0.1\", \"prefixLength\": 8}]}");
        for (int p = 0; p < ports; p++) {
            String name = "eth" + p;
            boolean wan = p == 0;
            links.add("{\"name\": \"" + name + "\", \"index\": " + (p + 2) + ", \"kind\": \"ethernet\", \"mac\": \""
                    + mac(0x10, p) + "\", \"speed\": 1000, \"duplex\": \"full\""
                    + (wan ? ", \"upstream\": true" : "") + ", \"lastChangeSecondsAgo\": " + (86400 - p)
                    + ", \"stats\": " + stats(p) + "}");
            String v4 = wan ? "203.0.113.77" : "10." + p + ".0.1";
            String v6 = wan ? "2001:db8:ffff::77" : "2001:db8:5e10:" + Integer.toHexString(p) + "::1";
            String prefix = wan ? "2001:db8:5e10::/56" : "2001:db8:5e10:" + Integer.toHexString(p) + "::/64";
            String iface = wan ? "wan" : "port" + p;
            ifaces.add("{\"name\": \"" + iface + "\", \"device\": \"" + name + "\", \"proto\": \""
                    + (wan ? "dhcp" : "static") + "\", \"lastChangeSecondsAgo\": 86400,"
                    + " \"ipv4\": [{\"address\": \"" + v4 + "\", \"prefixLength\": 24"
                    + (wan ? ", \"origin\": \"dhcp\"" : "") + "}],"
                    + " \"ipv6\": [{\"address\": \"" + v6 + "\", \"prefixLength\": " + (wan ? 128 : 64)
                    + ", \"origin\": \"" + (wan ? "dhcpv6" : "static") + "\", \"preferredSeconds\": 3600,"
                    + " \"validSeconds\": 7200}],"
                    + " \"ipv6Prefixes\": [{\"prefix\": \"" + prefix + "\", \"origin\": \""
                    + (wan ? "prefixdelegation" : "child") + "\", \"preferredSeconds\": 3600, \"validSeconds\": 7200}]}");
            v4Routes.add(wan
                    ? "{\"destination\": \"0.0.0.0/0\", \"gateway\": \"203.0.113.1\", \"interface\": \"wan\","
                            + " \"origin\": \"DHCPv4\", \"metric\": 0}"
                    : "{\"destination\": \"10." + p + ".0.0/24\", \"interface\": \"" + iface + "\","
                            + " \"origin\": \"Static\", \"metric\": 0}");
        }
        for (int w = 0; w < 2; w++) {
            links.add("{\"name\": \"wlan" + w + "\", \"index\": " + (ports + 2 + w) + ", \"kind\": \"wifi\", \"mac\": \""
                    + mac(0x20, w) + "\", \"master\": \"br-lan\", \"stats\": " + stats(100 + w) + "}");
        }
        links.add("{\"name\": \"br-lan\", \"index\": " + (ports + 4) + ", \"kind\": \"bridge\", \"mac\": \""
                + mac(0x20, 0) + "\", \"stats\": " + stats(200) + "}");
        ifaces.add("{\"name\": \"lan\", \"device\": \"br-lan\", \"proto\": \"static\","
                + " \"ipv4\": [{\"address\": \"192.168.1.1\", \"prefixLength\": 24}],"
                + " \"ipv6\": [{\"address\": \"2001:db8:5e10:ff::1\", \"prefixLength\": 64, \"preferredSeconds\": 3600,"
                + " \"validSeconds\": 7200}],"
                + " \"ipv6Prefixes\": [{\"prefix\": \"2001:db8:5e10:ff::/64\", \"origin\": \"child\","
                + " \"preferredSeconds\": 3600, \"validSeconds\": 7200}]}");
        v4Routes.add("{\"destination\": \"192.168.1.0/24\", \"interface\": \"lan\", \"origin\": \"Static\", \"metric\": 0}");

        List<List<String>> stationsOf = List.of(new ArrayList<>(), new ArrayList<>());
        List<String> leases = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (int s = 0; s < stations; s++) {
            int ap = s % 2;
            String mac = mac(0x30, s);
            String ip = "192.168.1." + (100 + s % 150);
            stationsOf.get(ap).add("{\"mac\": \"" + mac + "\", \"signal\": " + (-40 - s % 45) + ", \"downlinkKbps\": "
                    + (ap == 0 ? 144400 : 866700) + ", \"uplinkKbps\": " + (ap == 0 ? 130000 : 780000)
                    + ", \"active\": true}");
            leases.add("{\"mac\": \"" + mac + "\", \"ip\": \"" + ip + "\", \"hostName\": \"station-" + s
                    + "\", \"leaseSeconds\": " + (3600 + s) + "}");
            hosts.add("{\"mac\": \"" + mac + "\", \"interface\": \"lan\", \"port\": \"wlan" + ap
                    + "\", \"link\": \"wifi\", \"active\": true}");
        }

        StringBuilder j = new StringBuilder(64 * 1024);
        j.append("{\n\"deviceInfo\": {\"manufacturer\": \"Acme Networks\", \"manufacturerOUI\": \"00D09E\",")
                .append(" \"modelName\": \"HGW-9000\", \"description\": \"benchmark gateway\", \"productClass\": \"HGW\",")
                .append(" \"serialNumber\": \"BENCH0001\", \"hardwareVersion\": \"rev B\", \"softwareVersion\": \"1.0.3\",")
                .append(" \"upTimeSeconds\": 3600, \"firstUseDate\": \"2025-01-15T08:30:00Z\"},\n");
        j.append("\"system\": {\"memory\": {\"totalKiB\": 262144, \"freeKiB\": 131072}, \"cpuUsage\": 12,")
                .append(" \"processes\": [")
                .append("{\"pid\": 1, \"command\": \"procd\", \"sizeKiB\": 1344, \"priority\": 20, \"cpuTimeMillis\": 1320, \"state\": \"Sleeping\"},")
                .append("{\"pid\": 1187, \"command\": \"dnsmasq\", \"sizeKiB\": 1588, \"priority\": 20, \"cpuTimeMillis\": 3510, \"state\": \"Sleeping\"},")
                .append("{\"pid\": 1433, \"command\": \"hostapd\", \"sizeKiB\": 4404, \"priority\": 20, \"cpuTimeMillis\": 25170, \"state\": \"Running\"}],")
                .append(" \"temperatures\": [{\"name\": \"cpu-thermal\", \"celsius\": 52}, {\"name\": \"wifi-5g\", \"celsius\": 61}]},\n");
        j.append("\"network\": {\"links\": [\n").append(String.join(",\n", links))
                .append("],\n\"interfaces\": [\n").append(String.join(",\n", ifaces)).append("]},\n");
        j.append("\"wifi\": {\"radios\": [")
                .append("{\"name\": \"radio0\", \"supportedBands\": [\"2.4GHz\"], \"band\": \"2.4GHz\", \"channel\": 6,")
                .append(" \"possibleChannels\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], \"bandwidth\": \"20MHz\",")
                .append(" \"transmitPower\": 100, \"noise\": -92},")
                .append("{\"name\": \"radio1\", \"supportedBands\": [\"5GHz\"], \"band\": \"5GHz\", \"channel\": 36,")
                .append(" \"possibleChannels\": [36, 40, 44, 48, 100, 104, 108, 112], \"autoChannel\": true,")
                .append(" \"bandwidth\": \"80MHz\", \"transmitPower\": 100, \"noise\": -97}],\n")
                .append(" \"ssids\": [");
        for (int w = 0; w < 2; w++) {
            j.append(w == 0 ? "" : ",").append("{\"name\": \"wlan").append(w).append("\", \"radio\": \"radio").append(w)
                    .append("\", \"ssid\": \"Bench-").append(w == 0 ? "2G" : "5G").append("\", \"bssid\": \"")
                    .append(mac(0x20, w)).append("\", \"mac\": \"").append(mac(0x20, w)).append("\", \"stats\": ")
                    .append(wifiStats(w)).append("}");
        }
        j.append("],\n \"accessPoints\": [");
        for (int w = 0; w < 2; w++) {
            j.append(w == 0 ? "" : ",").append("{\"ssid\": \"wlan").append(w)
                    .append("\", \"security\": \"WPA2-Personal\", \"stations\": [\n")
                    .append(String.join(",\n", stationsOf.get(w))).append("]}");
        }
        j.append("]},\n");
        j.append("\"wan\": {\"wanInterface\": {\"interface\": \"wan\", \"device\": \"eth0\", \"up\": true,")
                .append(" \"ipAddress\": \"203.0.113.77\", \"gateway\": \"203.0.113.1\",")
                .append(" \"dnsServers\": [\"203.0.113.53\", \"203.0.113.54\"], \"upSeconds\": 5000},")
                .append(" \"dhcpClients\": [{\"interface\": \"wan\", \"enable\": true, \"status\": \"Enabled\",")
                .append(" \"dhcpStatus\": \"Bound\", \"ipAddress\": \"203.0.113.77\", \"subnetMask\": \"255.255.255.0\",")
                .append(" \"routers\": [\"203.0.113.1\"], \"dnsServers\": [\"203.0.113.53\", \"203.0.113.54\"],")
                .append(" \"dhcpServer\": \"203.0.113.1\", \"leaseSeconds\": 86400, \"leaseRemainingSeconds\": 81400}],")
                .append(" \"routing\": true, \"ipv4Routes\": [\n").append(String.join(",\n", v4Routes)).append("],")
                .append(" \"ipv6Routes\": [{\"destination\": \"::/0\", \"nextHop\": \"fe80::1\", \"interface\": \"wan\",")
                .append(" \"origin\": \"RA\", \"metric\": 1024, \"expiresInSeconds\": 1800}],")
                .append(" \"dns\": {\"enable\": true, \"servers\": [")
                .append("{\"address\": \"203.0.113.53\", \"interface\": \"wan\", \"type\": \"DHCPv4\"},")
                .append("{\"address\": \"203.0.113.54\", \"interface\": \"wan\", \"type\": \"DHCPv4\"}]}},\n");
        j.append("\"lan\": {\"dhcpServerEnable\": true, \"pools\": [{\"key\": \"lan\", \"enable\": true, \"order\": 1,")
                .append(" \"interface\": \"lan\", \"minAddress\": \"192.168.1.100\", \"maxAddress\": \"192.168.1.249\",")
                .append(" \"subnetMask\": \"255.255.255.0\", \"dnsServers\": [\"192.168.1.1\"], \"domainName\": \"lan\",")
                .append(" \"ipRouters\": [\"192.168.1.1\"], \"leaseTime\": 43200}],\n")
                .append(" \"leases\": [\n").append(String.join(",\n", leases)).append("],\n")
                .append(" \"hosts\": [\n").append(String.join(",\n", hosts)).append("]},\n");
        j.append("\"nat\": {\"portMappings\": [{\"key\": \"nas_web\", \"enable\": true, \"interface\": \"wan\",")
                .append(" \"externalPort\": 8443, \"internalPort\": 443, \"protocol\": \"TCP\",")
                .append(" \"internalClient\": \"192.168.1.20\", \"description\": \"NAS web\"}]},\n");
        j.append("\"time\": {\"enable\": true, \"status\": \"Synchronized\", \"localTimeZone\": \"CET-1CEST,M3.5.0,M10.5.0/3\",")
                .append(" \"zoneName\": \"Europe/Paris\", \"clients\": [{\"key\": \"ntp\", \"enable\": true,")
                .append(" \"status\": \"Synchronized\", \"servers\": [\"0.pool.ntp.org\", \"1.pool.ntp.org\"]}]}\n}\n");
        return j.toString();
    }

    /** Writes {@link #json} to a new temporary file, which the caller deletes. */
    static Path write(int ports, int stations) {
        try {
            Path file = Files.createTempFile("demarc-bench-gateway-", ".json");
            Files.writeString(file, json(ports, stations), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A locally administered MAC address: 02:00:5e:{kind}:{n}. */
    private static String mac(int kind, int n) {
        return String.format("02:00:5e:%02x:%02x:%02x", kind, (n >> 8) & 0xff, n & 0xff);
    }

    private static String stats(int seed) {
        long base = 1_000_000L * (seed + 1);
        return "{\"bytesSent\": " + base * 3 + ", \"bytesReceived\": " + base * 7 + ", \"packetsSent\": " + base / 500
                + ", \"packetsReceived\": " + base / 300 + ", \"discardsReceived\": " + seed + ", \"multicastReceived\": "
                + seed * 10 + "}";
    }

    private static String wifiStats(int seed) {
        long base = 10_000_000L * (seed + 1);
        return "{\"bytesSent\": " + base * 3 + ", \"bytesReceived\": " + base + ", \"packetsSent\": " + base / 500
                + ", \"packetsReceived\": " + base / 900 + ", \"errorsSent\": 0, \"errorsReceived\": 0,"
                + " \"discardPacketsSent\": 0, \"discardPacketsReceived\": 0}";
    }
}
