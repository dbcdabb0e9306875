package dev.demarc.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code DoctorCommandTest} runs doctor against: a DNS server answering {@code localhost},
 * an MQTT broker's TCP port and a controller's TLS server (certificate issued by the test CA) on
 * 127.0.0.1, simulated gateways and factory-defaults files naming those servers.
 */
public final class DoctorCommandFixtures implements AutoCloseable {

    public static final String VALID = DoctorTestPki.VALID;
    public static final String EXPIRED = DoctorTestPki.EXPIRED;

    private final Path dir;
    public final DoctorTestPki pki;
    public final TestDnsServer dns;
    public final TestServers broker;
    public TestServers controller;

    public DoctorCommandFixtures(Path dir) throws Exception {
        this.dir = dir;
        this.pki = DoctorTestPki.get();
        this.dns = new TestDnsServer().name("localhost", "127.0.0.1");
        this.broker = TestServers.tcp();
        this.controller = TestServers.tls(pki.serverContext(VALID), false);
    }

    /** Serves the controller with the certificate {@code name} instead. */
    public void serveController(String name) throws Exception {
        controller.close();
        controller = TestServers.tls(pki.serverContext(name), false);
    }

    public SimulatedGateway gateway() {
        return new SimulatedGateway();
    }

    /** {@code simulated:FILE} of {@code gateway}. */
    public String platform(SimulatedGateway gateway) throws IOException {
        return "simulated:" + gateway.write(dir);
    }

    /** Factory defaults with an MQTT broker on 127.0.0.1:{@code brokerPort} and the TLS controller on localhost. */
    public Path defaults(int brokerPort) throws IOException {
        return Files.write(Files.createTempFile(dir, "doctor-", ".defaults"), List.of(
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = 127.0.0.1",
                "Device.MQTT.Client.1.BrokerPort = " + brokerPort,
                "Device.LocalAgent.Controller.1.EndpointID = proto::controller-1",
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Host = localhost",
                "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Port = " + controller.port(),
                "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Path = /usp"));
    }

    @Override
    public void close() throws Exception {
        dns.close();
        broker.close();
        controller.close();
    }
}
