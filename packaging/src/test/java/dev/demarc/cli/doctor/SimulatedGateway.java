package dev.demarc.cli.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A simulated gateway for doctor's tests, written as a {@code --platform simulated:FILE} file: its
 * WAN {@code wan} on eth1 with a DHCP lease from 203.0.113.1, the DNS server 127.0.0.1 (the test's
 * own), NTP synchronized, and the gateway answering pings. Each setter breaks one thing.
 */
public final class SimulatedGateway {

    private final Map<String, String> values = new HashMap<>(Map.of(
            "carrier", "true",
            "up", "true",
            "wanAddress", "203.0.113.45",
            "dhcpStatus", "Bound",
            "leaseAddress", "203.0.113.45",
            "routers", "[\"203.0.113.1\"]",
            "dns", "[{\"address\": \"127.0.0.1\", \"interface\": \"wan\", \"type\": \"DHCPv4\"}]",
            "ntp", "Synchronized",
            "pingPercent", "100"));

    public SimulatedGateway noCarrier() {
        values.put("carrier", "false");
        return this;
    }

    public SimulatedGateway noLease() {
        values.put("wanAddress", "");
        values.put("leaseAddress", "");
        values.put("dhcpStatus", "Selecting");
        values.put("routers", "[]");
        return this;
    }

    public SimulatedGateway gatewaySilent() {
        values.put("pingPercent", "0");
        return this;
    }

    public SimulatedGateway noDnsServer() {
        values.put("dns", "[]");
        return this;
    }

    public SimulatedGateway ntp(String status) {
        values.put("ntp", status);
        return this;
    }

    /** The file, in {@code dir}. */
    Path write(Path dir) throws IOException {
        String json = """
                {
                  "deviceInfo": {"manufacturer": "Acme Networks", "manufacturerOUI": "00D09E", "serialNumber": "SIMDOCTOR2"},
                  "network": {
                    "links": [
                      {"name": "lo", "kind": "loopback", "mac": "00:00:00:00:00:00"},
                      {"name": "eth1", "kind": "ethernet", "mac": "02:00:5e:10:00:02", "up": ${up},
                       "carrier": ${carrier}, "speed": 1000, "duplex": "full", "upstream": true}
                    ]
                  },
                  "wan": {
                    "wanInterface": {"interface": "wan", "device": "eth1", "up": ${carrier},
                                     "ipAddress": "${wanAddress}", "gateway": "203.0.113.1",
                                     "dnsServers": ["127.0.0.1"], "upSeconds": 5000},
                    "dhcpClients": [{"interface": "wan", "enable": true, "status": "Enabled",
                                     "dhcpStatus": "${dhcpStatus}", "ipAddress": "${leaseAddress}",
                                     "subnetMask": "255.255.255.0", "routers": ${routers},
                                     "dnsServers": ["127.0.0.1"], "dhcpServer": "203.0.113.1",
                                     "leaseSeconds": 86400, "leaseRemainingSeconds": 81000}],
                    "routing": true,
                    "ipv4Routes": [{"destination": "0.0.0.0/0", "gateway": "203.0.113.1", "interface": "wan",
                                    "origin": "DHCPv4", "metric": 0, "static": false}],
                    "dns": {"enable": true, "servers": ${dns}}
                  },
                  "time": {"enable": true, "status": "${ntp}", "localTimeZone": "CET-1CEST,M3.5.0,M10.5.0/3",
                           "zoneName": "Europe/Paris",
                           "clients": [{"key": "ntp", "enable": true, "status": "${ntp}",
                                        "servers": ["0.openwrt.pool.ntp.org"]}]},
                  "diagnostics": {
                    "addressUsed": "203.0.113.45",
                    "ping": {"203.0.113.1": {"replyMicros": [900, 1100, 1300], "successPercent": ${pingPercent}}}
                  }
                }
                """;
        for (Map.Entry<String, String> e : values.entrySet()) {
            json = json.replace("${" + e.getKey() + "}", e.getValue());
        }
        Path file = Files.createTempFile(dir, "gateway-", ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
