package dev.demarc.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.agent.LocalControl;
import dev.demarc.agent.MtpSettings;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import dev.demarc.mtp.uds.UdsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code demarc} commands' USP controller: it connects to the agent's control socket (TR-369
 * UNIX Domain Socket Binding, {@link UdsClient}) as {@value LocalControl#CLI_ENDPOINT_ID}, waits
 * for the agent's UDSConnectRecord (R-MTP.8: no other record before it), then sends requests in
 * {@code no_session_context} records and matches each answer by its Message ID. Notify messages
 * that arrive meanwhile are kept for {@link #nextNotify}.
 *
 * <p>Failures are {@link CliFailure}s: no agent reachable (exit 3, saying where it looked and how to
 * start one), the agent refusing or not answering (exit 1).
 *
 * <p>Threads: one thread at a time, but for {@link #close} (any thread).
 */
final class AgentClient implements AutoCloseable {

    /** The USP version of the records the commands send. */
    static final String USP_VERSION = "1.4";

    private static final AtomicLong IDS = new AtomicLong();

    private final UdsClient uds;
    private final Path socket;
    private final String agentEndpointId;
    private final Duration timeout;
    private final ArrayDeque<UspMsg.Msg> notifies = new ArrayDeque<>();

    private AgentClient(UdsClient uds, Path socket, Duration timeout) {
        this.uds = uds;
        this.socket = socket;
        this.agentEndpointId = uds.peerEndpointId();
        this.timeout = timeout;
    }

    /**
     * Connects to the agent: on {@code --control-socket} (or {@value ControlSocket#ENV}) only when
     * given, else on the first of {@link ControlSocket#candidates()} that exists.
     *
     * @throws CliFailure exit 3 when no agent answers there, exit 1 when one answers but does not
     *                    take the commands' requests
     */
    static AgentClient connect(AgentOptions options) {
        List<Path> candidates = options.controlSocket != null ? List.of(options.controlSocket.toAbsolutePath())
                : ControlSocket.candidates();
        List<String> looked = new ArrayList<>();
        for (Path p : candidates) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                looked.add(p + " (no such socket)");
                continue;
            }
            UdsClient uds;
            try {
                uds = UdsClient.connect(p, LocalControl.CLI_ENDPOINT_ID, options.timeout(),
                        MtpSettings.UDS_MAX_RECORD_SIZE);
            } catch (IOException e) {
                looked.add(p + " (" + why(e) + ")");
                continue;
            }
            AgentClient client = new AgentClient(uds, p, options.timeout());
            try {
                client.awaitConnectRecord();
                return client;
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
        throw new CliFailure(CliFailure.UNREACHABLE, "no agent reachable: looked at " + String.join(", ", looked)
                + ". Start one with './demarc agent' (or 'demarc agent'), or name its socket with --control-socket"
                + " or " + ControlSocket.ENV);
    }

    private static String why(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("refused")) {
            return "nothing listens on it: the agent that made it has stopped";
        }
        if (lower.contains("permission denied")) {
            return "permission denied: the agent runs as another user; run demarc as that user, e.g. with sudo";
        }
        return m;
    }

    /** R-MTP.8: the agent's UDSConnectRecord comes before anything else. */
    private void awaitConnectRecord() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<UspRecord.Record> r = receive(deadline);
            if (r.isEmpty()) {
                throw new CliFailure(CliFailure.AGENT_ERROR, "the agent " + agentEndpointId + " on " + socket
                        + " does not take requests from " + LocalControl.CLI_ENDPOINT_ID + " (no UDSConnectRecord in "
                        + timeout.toSeconds() + " s): it is not an enabled controller of the agent; see "
                        + "Device.LocalAgent.Controller.[EndpointID==\"" + LocalControl.CLI_ENDPOINT_ID + "\"].Enable");
            }
            if (r.get().hasUdsConnect()) {
                return;
            }
        }
    }

    /** The agent's Endpoint ID, from its Handshake. */
    String agentEndpointId() {
        return agentEndpointId;
    }

    /** The socket it is connected on. */
    Path socket() {
        return socket;
    }

    /**
     * Sends {@code request} and answers the agent's response or Error message.
     *
     * @throws CliFailure exit 1 when no answer comes within the timeout, exit 3 when the agent goes
     */
    UspMsg.Msg call(UspMsg.Header.MsgType type, UspMsg.Request request) {
        String msgId = "demarc-cli-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
        UspMsg.Msg msg = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(type))
                .setBody(UspMsg.Body.newBuilder().setRequest(request))
                .build();
        byte[] record = UspRecord.Record.newBuilder()
                .setVersion(USP_VERSION)
                .setToId(agentEndpointId)
                .setFromId(LocalControl.CLI_ENDPOINT_ID)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(msg.toByteString()))
                .build()
                .toByteArray();
        try {
            uds.send(record);
        } catch (IOException e) {
            throw gone(e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<UspRecord.Record> r = receive(deadline);
            if (r.isEmpty()) {
                throw new CliFailure(CliFailure.AGENT_ERROR, "the agent did not answer in " + timeout.toSeconds()
                        + " s (--timeout)");
            }
            Optional<UspMsg.Msg> answer = message(r.get());
            if (answer.isEmpty()) {
                continue;
            }
            UspMsg.Msg m = answer.get();
            if (m.getHeader().getMsgId().equals(msgId) && !m.getBody().hasRequest()) {
                return m;
            }
            if (m.getBody().hasRequest() && m.getBody().getRequest().hasNotify()) {
                notifies.add(m);
            }
        }
    }

    /**
     * The next Notify from the agent, waiting at most {@code wait}; empty when none came.
     *
     * @throws CliFailure exit 3 when the agent goes
     */
    Optional<UspMsg.Msg> nextNotify(Duration wait) {
        if (!notifies.isEmpty()) {
            return Optional.of(notifies.poll());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<UspRecord.Record> r = receive(deadline);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            Optional<UspMsg.Msg> m = message(r.get());
            if (m.isPresent() && m.get().getBody().hasRequest() && m.get().getBody().getRequest().hasNotify()) {
                return m;
            }
        }
    }

    /** The next record before {@code deadline}; a DisconnectRecord or the end of the connection fails. */
    private Optional<UspRecord.Record> receive(long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Optional<byte[]> bytes;
            try {
                bytes = uds.receive(Duration.ofNanos(left));
            } catch (IOException e) {
                throw gone(e);
            }
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            UspRecord.Record record;
            try {
                record = UspRecord.Record.parseFrom(bytes.get());
            } catch (InvalidProtocolBufferException e) {
                continue; // not from a USP agent; nothing to answer it with
            }
            if (record.hasDisconnect()) {
                throw new CliFailure(CliFailure.UNREACHABLE, "the agent closed the connection: "
                        + record.getDisconnect().getReason());
            }
            return Optional.of(record);
        }
    }

    private static Optional<UspMsg.Msg> message(UspRecord.Record record) {
        if (!record.hasNoSessionContext()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UspMsg.Msg.parseFrom(record.getNoSessionContext().getPayload()));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private CliFailure gone(IOException e) {
        return new CliFailure(CliFailure.UNREACHABLE, "the agent on " + socket + " went away: " + e.getMessage());
    }

    @Override
    public void close() {
        uds.close();
    }
}
