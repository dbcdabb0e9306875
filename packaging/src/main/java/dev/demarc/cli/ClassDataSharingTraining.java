package dev.demarc.cli;

import dev.demarc.agent.RunningAgent;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.core.usp.UspPeek;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import dev.demarc.logging.Logging;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The training run for the application's class data sharing archive: the {@code ./demarc}
 * launcher runs it once per build with {@code -XX:DumpLoadedClassList}, then has the JVM parse
 * and verify the classes it loaded and save them in a static archive ({@code -Xshare:dump}), which
 * later starts map instead of loading the classes again (AppCDS; it roughly halves the time to the
 * agent's ready line).
 *
 * <p>It does what an agent does at start and on its first requests, and nothing else:
 * {@code demarc agent} as the agent's {@code main} runs it (options read without picocli), on a
 * new data directory with an MQTT client MTP (to a closed port on 127.0.0.1: the connection is refused,
 * which still loads most of the MQTT client), a Get of {@code Device.} and of
 * {@code Device.DeviceInfo.} handed to its USP layer as if they came over MQTT, and the agent is
 * stopped. The archive is mapped whole and is resident whole in every agent (the JVM relocates
 * it at start), so a class the training loads and an agent does not costs every agent about
 * 7 kB: the answers are checked with {@link UspPeek} rather than decoded (decoding a Response
 * loads every response type), the training's own directory is made and removed without
 * {@code Files.createTempDirectory} and {@code Files.walk}, and the other commands ({@code demarc
 * get}, ...) are left out, picocli with them: they load those classes from the jars, which makes
 * their start about 25 ms slower and every agent about 1 MB smaller. The WebSocket MTPs (Netty) are left out too; an agent that uses them loads
 * those classes from the jars. Prints nothing when it works; exit code 0, or 1 with a reason on
 * stderr. Not a {@code demarc} command: the launcher calls this class directly.
 */
public final class ClassDataSharingTraining {

    private static final long WAIT_SECONDS = 30;
    private static final String CONTROLLER = "proto::demarc-cds-training";

    private ClassDataSharingTraining() {
    }

    public static void main(String[] args) {
        Logging.install();
        int status;
        try {
            train();
            status = 0;
        } catch (Exception e) {
            System.err.println("demarc: the class data sharing training run failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private static void train() throws Exception {
        // Not Files.createTempDirectory: its SecureRandom would put the digest classes in the archive.
        File dir = new File(System.getProperty("java.io.tmpdir"),
                "demarc-cds-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        if (!dir.mkdir()) {
            throw new IOException("cannot make the directory " + dir);
        }
        try {
            Path defaults = Files.writeString(dir.toPath().resolve("training.defaults"), String.join("\n",
                    "Device.MQTT.Client.1.Enable = true",
                    "Device.MQTT.Client.1.BrokerAddress = 127.0.0.1",
                    "Device.MQTT.Client.1.BrokerPort = " + closedPort(),
                    "Device.LocalAgent.MTP.1.Enable = true",
                    "Device.LocalAgent.MTP.1.Protocol = MQTT",
                    "Device.LocalAgent.MTP.1.MQTT.Reference = Device.MQTT.Client.1",
                    "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = demarc/cds-training",
                    "Device.LocalAgent.Controller.1.EndpointID = " + CONTROLLER,
                    "Device.LocalAgent.Controller.1.Enable = true",
                    "Device.LocalAgent.Controller.1.AssignedRole = Device.LocalAgent.ControllerTrust.Role.1",
                    ""));
            String[] args = {"agent",
                "--data-dir", new File(dir, "data").getPath(), "--defaults", defaults.toString(),
                "--endpoint-id", "os::000000-CDSTRAINING",
                "--control-socket", new File(dir, ControlSocket.FILE_NAME).getPath()};
            AgentCommand agent = AgentArguments.read(args)
                    .orElseThrow(() -> new IllegalStateException("the training's command line needs picocli"));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread thread = new Thread(() -> exit.set(DemarcMain.runAgent(agent, args)), "demarc-cds-training");
            thread.start();
            try {
                if (!agent.ready.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the agent did not start (exit " + exit.get() + ")");
                }
                requests(agent.running());
            } finally {
                agent.stop();
                thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            }
        } finally {
            delete(dir);
        }
    }

    /** Two Gets handed to the agent's USP layer as if they came over MQTT; their answers are checked, not sent. */
    private static void requests(RunningAgent running) throws Exception {
        MtpAddress from = new MtpAddress("MQTT", "demarc/cds-training/controller", CONTROLLER);
        for (String path : new String[] {"Device.", "Device.DeviceInfo."}) {
            byte[] request = get(running.endpointId(), path);
            List<UspAgent.Outbound> out = running.owner().call(model -> running.usp().receive(model, request, from))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (out.size() != 1) {
                throw new IllegalStateException("no answer to a Get of " + path);
            }
            UspPeek.Found answer = UspPeek.record(out.get(0).record());
            if (answer.msgType() != UspMsg.Header.MsgType.GET_RESP_VALUE || !answer.toId().equals(CONTROLLER)) {
                throw new IllegalStateException("no GetResp to " + CONTROLLER + " for a Get of " + path
                        + ": message type " + answer.msgType() + " to " + answer.toId());
            }
        }
    }

    private static byte[] get(String agentId, String path) {
        UspMsg.Msg get = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId("training-" + path).setMsgType(UspMsg.Header.MsgType.GET))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setGet(UspMsg.Get.newBuilder().addParamPaths(path))))
                .build();
        return UspRecord.Record.newBuilder()
                .setVersion("1.4").setFromId(CONTROLLER).setToId(agentId)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(get.toByteString()))
                .build().toByteArray();
    }

    /** Deletes {@code file}, and what it holds if it is a directory. */
    private static void delete(File file) {
        File[] inside = file.listFiles();
        if (inside != null) {
            for (File f : inside) {
                delete(f);
            }
        }
        if (!file.delete() && file.exists()) {
            System.err.println("demarc: could not delete " + file);
        }
    }

    /** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
