package dev.demarc.core.usp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.mtp.MessageTransport;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real agent on a real owner thread, an in-memory MTP, and a test controller that speaks USP
 * with the generated classes.
 *
 * <p>The data model holds the part of TR-181 the TP-469 cases use:
 * <pre>
 * Device.
 *   DeviceInfo. FriendlyName (rw), SoftwareVersion
 *   LocalAgent. EndpointID, SoftwareVersion
 *     Controller.{i}. keys [EndpointID] [Alias]: Alias (woro), EndpointID, Enable
 *       BootParameter.{i}. keys [ParameterName] [Alias]: Alias (woro), Enable, ParameterName
 *       MTP.{i}. keys [Alias]: Alias (woro), Enable, Protocol
 *       SendOnBoardRequest()
 *     MTP.{i}. keys [Alias]: Alias (woro), Enable, Protocol
 *     Subscription.{i}. keys [Alias] [Recipient, ID]: Alias (woro), Enable, ID (woro: a
 *       non-functional key), Recipient, NotifType, ReferenceList, NotifRetry, NotifExpiration
 *   Reboot(), ScheduleTimer(DelaySeconds) async
 *   Boot!(Cause, CommandKey)
 * </pre>
 * Controller 1 ({@link #CONTROLLER}) is enabled, controller 2 ({@link #DISABLED_CONTROLLER}) is
 * not. Subscriptions 1-3 have IDs s1-s3, Enable true/false/true and NotifExpiration 10/20/5.
 */
final class UspFixture implements AutoCloseable {

    static final String AGENT = "os::012345-demarc-0001";
    static final String CONTROLLER = "proto::controller-1";
    static final String DISABLED_CONTROLLER = "proto::controller-2";
    static final String TOPIC = "/usp/controller-1/reply";

    static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .object(ObjectDef.single("DeviceInfo")
                    .param(ParameterDef.readWrite("FriendlyName", ValueType.string().maxLength(64)))
                    .param(ParameterDef.readOnly("SoftwareVersion", ValueType.string().maxLength(64)).withDefault("2.1.0")))
            .object(ObjectDef.single("LocalAgent")
                    .param(ParameterDef.readOnly("EndpointID", ValueType.string().maxLength(256)))
                    .param(ParameterDef.readOnly("SoftwareVersion", ValueType.string().maxLength(64)).withDefault("0.1.0"))
                    .tableWithCount(ObjectDef.table("Controller").creatable().uniqueKey("EndpointID").uniqueKey("Alias")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("EndpointID", ValueType.string().maxLength(256)))
                            .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                            .tableWithCount(ObjectDef.table("BootParameter").creatable()
                                    .uniqueKey("ParameterName").uniqueKey("Alias")
                                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                    .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                                    .param(ParameterDef.readWrite("ParameterName", ValueType.string().maxLength(256))))
                            .tableWithCount(ObjectDef.table("MTP").creatable().uniqueKey("Alias")
                                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                    .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                                    .param(ParameterDef.readWrite("Protocol",
                                            ValueType.string().enumeration("MQTT", "WebSocket")).withDefault("WebSocket")))
                            .command(new CommandDef("SendOnBoardRequest", false, List.of(), List.of())))
                    .tableWithCount(ObjectDef.table("MTP").creatable().uniqueKey("Alias")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                            .param(ParameterDef.readWrite("Protocol",
                                    ValueType.string().enumeration("MQTT", "WebSocket")).withDefault("WebSocket")))
                    .tableWithCount(ObjectDef.table("Subscription").creatable().uniqueKey("Alias").uniqueKey("Recipient", "ID")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                            .param(ParameterDef.writeOnce("ID", ValueType.string().maxLength(64)))
                            .param(ParameterDef.readWrite("Recipient", ValueType.string().maxLength(256)))
                            .param(ParameterDef.readWrite("NotifType", ValueType.string().enumeration(
                                    "ValueChange", "ObjectCreation", "ObjectDeletion", "OperationComplete", "Event")))
                            .param(ParameterDef.readWrite("ReferenceList", ValueType.listOf(ValueType.string().maxLength(256))))
                            .param(ParameterDef.readWrite("NotifRetry", ValueType.bool()).withDefault("false"))
                            .param(ParameterDef.readWrite("NotifExpiration", ValueType.unsignedInt()).withDefault("0"))))
            .command(new CommandDef("Reboot", false, List.of(), List.of()))
            .command(new CommandDef("ScheduleTimer", true,
                    List.of(ArgumentDef.mandatory("DelaySeconds", ValueType.unsignedInt())), List.of()))
            .event(new EventDef("Boot", List.of(ArgumentDef.optional("Cause", ValueType.string()),
                    ArgumentDef.optional("CommandKey", ValueType.string()))))
            .buildRoot());

    static final List<String> DEFAULTS = List.of(
            "Device.LocalAgent.EndpointID=" + AGENT,
            "Device.LocalAgent.Controller.1.EndpointID=" + CONTROLLER,
            "Device.LocalAgent.Controller.1.Enable=true",
            "Device.LocalAgent.Controller.1.Alias=ctrl-1",
            "Device.LocalAgent.Controller.1.BootParameter.1.ParameterName=Device.LocalAgent.SoftwareVersion",
            "Device.LocalAgent.Controller.1.BootParameter.1.Enable=true",
            "Device.LocalAgent.Controller.1.BootParameter.2.ParameterName=Device.DeviceInfo.SoftwareVersion",
            "Device.LocalAgent.Controller.1.BootParameter.2.Enable=false",
            "Device.LocalAgent.Controller.1.MTP.1.Protocol=WebSocket",
            "Device.LocalAgent.Controller.2.EndpointID=" + DISABLED_CONTROLLER,
            "Device.LocalAgent.Controller.2.Enable=false",
            "Device.LocalAgent.MTP.1.Protocol=WebSocket",
            "Device.LocalAgent.MTP.1.Enable=true",
            "Device.LocalAgent.Subscription.1.ID=s1",
            "Device.LocalAgent.Subscription.1.Recipient=Device.LocalAgent.Controller.1",
            "Device.LocalAgent.Subscription.1.Enable=true",
            "Device.LocalAgent.Subscription.1.NotifType=ValueChange",
            "Device.LocalAgent.Subscription.1.ReferenceList=Device.LocalAgent.SoftwareVersion",
            "Device.LocalAgent.Subscription.1.NotifExpiration=10",
            "Device.LocalAgent.Subscription.2.ID=s2",
            "Device.LocalAgent.Subscription.2.Recipient=Device.LocalAgent.Controller.1",
            "Device.LocalAgent.Subscription.2.Enable=false",
            "Device.LocalAgent.Subscription.2.NotifExpiration=20",
            "Device.LocalAgent.Subscription.3.ID=s3",
            "Device.LocalAgent.Subscription.3.Recipient=Device.LocalAgent.Controller.1",
            "Device.LocalAgent.Subscription.3.Enable=true",
            "Device.LocalAgent.Subscription.3.NotifExpiration=5");

    /** The in-memory MTP: what the agent sends lands in {@link #sent}. */
    static final class FakeTransport implements MessageTransport {
        record Sent(MtpAddress to, byte[] record, UspAgent.Carried carried) {
        }

        final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
        TransportListener listener;

        @Override
        public String protocol() {
            return "WebSocket";
        }

        @Override
        public void start(TransportListener l) {
            this.listener = l;
        }

        @Override
        public CompletableFuture<Void> send(MtpAddress to, byte[] record) {
            return send(to, record, UspAgent.Carried.NO_MSG);
        }

        /** The agent's {@link UspAgent.Sender}: keeps what each record carries. */
        CompletableFuture<Void> send(MtpAddress to, byte[] record, UspAgent.Carried carried) {
            sent.add(new Sent(to, record.clone(), carried));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    final FakeTransport transport = new FakeTransport();
    final DataModelOwner owner;
    final UspAgent agent;
    final MtpAddress from = new MtpAddress("WebSocket", TOPIC, CONTROLLER);
    final List<String> badRecords = new CopyOnWriteArrayList<>();
    final List<String> notifyResponses = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** The controller the request helpers speak as; {@link #CONTROLLER} unless {@link #actingAs} says. */
    private volatile String requester = CONTROLLER;

    UspFixture() {
        this(UspAgent.Config.DEFAULT, UspCommands.none());
    }

    UspFixture(UspAgent.Config config, UspCommands commands) {
        this(SCHEMA, DEFAULTS, config, commands);
    }

    /** An agent on another data model; {@code defaultLines} are {@code path=value}. */
    UspFixture(Schema schema, List<String> defaultLines, UspAgent.Config config, UspCommands commands) {
        List<Assignment> defaults = new ArrayList<>();
        for (int i = 0; i < defaultLines.size(); i++) {
            String line = defaultLines.get(i);
            int eq = line.indexOf('=');
            defaults.add(new Assignment(line.substring(0, eq), line.substring(eq + 1), i + 1));
        }
        owner = DataModelOwner.start(() -> {
            Result<DataModel> r = DataModel.open(schema, Bindings.none(), new InMemoryStore(), true, defaults, "test.defaults");
            if (!r.isOk()) {
                throw new IllegalStateException(r.error().toString());
            }
            return r.value();
        }).join();
        agent = UspAgent.builder()
                .endpointId(AGENT)
                .owner(owner)
                .sender(transport::send)
                .config(config)
                .commands(commands)
                .events(new UspAgent.Events() {
                    @Override
                    public void badRecord(MtpAddress from, String why) {
                        badRecords.add(why);
                    }

                    @Override
                    public void notifyResponse(String controller, String msgId, String subscriptionId) {
                        notifyResponses.add(controller + " " + msgId + " " + subscriptionId);
                    }
                })
                .build();
        transport.start(agent);
    }

    @Override
    public void close() {
        owner.close();
    }

    /** Reads the data model on its owner thread. */
    <T> T onModel(Function<DataModel, T> read) {
        return owner.call(read).join();
    }

    // ------------------------------------------------------------------ the test controller

    String newMsgId() {
        return "test-" + nextId.getAndIncrement();
    }

    static UspMsg.Msg msg(String msgId, UspMsg.Header.MsgType type, UspMsg.Request request) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(type))
                .setBody(UspMsg.Body.newBuilder().setRequest(request))
                .build();
    }

    static UspRecord.Record.Builder record(String fromId, String toId, byte[] payload) {
        return UspRecord.Record.newBuilder()
                .setVersion("1.4")
                .setFromId(fromId)
                .setToId(toId)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(ByteString.copyFrom(payload)));
    }

    /** From now on the request helpers speak as the controller {@code endpointId}. */
    UspFixture actingAs(String endpointId) {
        this.requester = endpointId;
        return this;
    }

    /** Sends a request from the enabled controller and answers the agent's reply message. */
    UspMsg.Msg request(UspMsg.Header.MsgType type, UspMsg.Request request) {
        String id = newMsgId();
        String controller = requester;
        deliver(record(controller, AGENT, msg(id, type, request).toByteArray()).build().toByteArray());
        UspMsg.Msg reply = replyMessage(nextRecord(), controller);
        assertEquals(id, reply.getHeader().getMsgId(), "the reply carries the request's Message ID (R-MSG.9)");
        return reply;
    }

    void deliver(byte[] record) {
        transport.listener.recordReceived(record, from);
    }

    /** The next record the agent sent; fails when none comes. */
    FakeTransport.Sent nextSent() {
        try {
            FakeTransport.Sent s = transport.sent.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "the agent sent nothing");
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    UspRecord.Record nextRecord() {
        FakeTransport.Sent s = nextSent();
        assertEquals(from, s.to(), "the answer goes back where the request came from");
        try {
            UspRecord.Record r = UspRecord.Record.parseFrom(s.record());
            assertEquals(carriedBy(r), s.carried(), "what the record was handed to the MTP as");
            return r;
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the agent sent a record that does not parse", e);
        }
    }

    /** What {@code r} carries, from its Msg: what the agent must tell the MTP it sends. */
    static UspAgent.Carried carriedBy(UspRecord.Record r) throws InvalidProtocolBufferException {
        if (!r.hasNoSessionContext()) {
            return UspAgent.Carried.NO_MSG;
        }
        UspMsg.Body body = UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload()).getBody();
        if (body.hasRequest() && body.getRequest().hasNotify()) {
            return UspAgent.Carried.NOTIFY;
        }
        return body.hasResponse() || body.hasError() ? UspAgent.Carried.RESPONSE : UspAgent.Carried.NO_MSG;
    }

    /** The Msg in a response record, after checking the record's envelope. */
    static UspMsg.Msg replyMessage(UspRecord.Record r) {
        return replyMessage(r, CONTROLLER);
    }

    /** The Msg in a response record to {@code controller}, after checking the record's envelope. */
    static UspMsg.Msg replyMessage(UspRecord.Record r, String controller) {
        assertEquals("1.4", r.getVersion());
        assertEquals(AGENT, r.getFromId());
        assertEquals(controller, r.getToId());
        assertEquals(UspRecord.Record.PayloadSecurity.PLAINTEXT, r.getPayloadSecurity());
        assertTrue(r.hasNoSessionContext(), "a response to a no_session_context request is no_session_context (R-MSG.0a)");
        try {
            return UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the agent sent a message that does not parse", e);
        }
    }

    /**
     * Delivers {@code record} and proves the agent answered nothing: records are handled in
     * order, so the next thing sent must be the answer to a GetSupportedProtocol sent after it.
     */
    void assertNoAnswerTo(byte[] record) {
        deliver(record);
        UspMsg.Msg probe = request(UspMsg.Header.MsgType.GET_SUPPORTED_PROTO, UspMsg.Request.newBuilder()
                .setGetSupportedProtocol(UspMsg.GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4"))
                .build());
        if (!probe.getBody().getResponse().hasGetSupportedProtocolResp()) {
            fail("the agent answered the record: " + probe);
        }
    }

    // ------------------------------------------------------------------ requests

    UspMsg.GetResp get(int maxDepth, String... paths) {
        UspMsg.Msg reply = request(UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                .setGet(UspMsg.Get.newBuilder().addAllParamPaths(List.of(paths)).setMaxDepth(maxDepth)).build());
        assertEquals(UspMsg.Header.MsgType.GET_RESP, reply.getHeader().getMsgType());
        return reply.getBody().getResponse().getGetResp();
    }

    UspMsg.GetResp get(String... paths) {
        return get(0, paths);
    }

    /** The parameters of one object, from a Get of its path. */
    Map<String, String> values(String objectPath) {
        UspMsg.GetResp r = get(1, objectPath);
        assertEquals(0, r.getReqPathResults(0).getErrCode(), () -> r.toString());
        assertEquals(1, r.getReqPathResults(0).getResolvedPathResultsCount(), () -> r.toString());
        return r.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap();
    }

    UspMsg.Msg set(boolean allowPartial, UspMsg.Set.UpdateObject... objects) {
        return request(UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder()
                .setSet(UspMsg.Set.newBuilder().setAllowPartial(allowPartial).addAllUpdateObjs(List.of(objects))).build());
    }

    static UspMsg.Set.UpdateObject update(String path, String param, String value, boolean required) {
        return UspMsg.Set.UpdateObject.newBuilder().setObjPath(path)
                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam(param).setValue(value).setRequired(required))
                .build();
    }

    UspMsg.Msg add(boolean allowPartial, UspMsg.Add.CreateObject... objects) {
        return request(UspMsg.Header.MsgType.ADD, UspMsg.Request.newBuilder()
                .setAdd(UspMsg.Add.newBuilder().setAllowPartial(allowPartial).addAllCreateObjs(List.of(objects))).build());
    }

    /** A CreateObject; settings are name, value, required triples: "Enable", "true", "" (not required) or "required". */
    static UspMsg.Add.CreateObject create(String path, String... settings) {
        UspMsg.Add.CreateObject.Builder b = UspMsg.Add.CreateObject.newBuilder().setObjPath(path);
        for (int i = 0; i < settings.length; i += 3) {
            b.addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder()
                    .setParam(settings[i]).setValue(settings[i + 1]).setRequired(settings[i + 2].equals("required")));
        }
        return b.build();
    }

    UspMsg.Msg delete(boolean allowPartial, String... paths) {
        return request(UspMsg.Header.MsgType.DELETE, UspMsg.Request.newBuilder()
                .setDelete(UspMsg.Delete.newBuilder().setAllowPartial(allowPartial).addAllObjPaths(List.of(paths))).build());
    }

    static UspMsg.Error error(UspMsg.Msg reply) {
        assertEquals(UspMsg.Header.MsgType.ERROR, reply.getHeader().getMsgType(), () -> "expected an Error: " + reply);
        assertTrue(reply.getBody().hasError(), () -> "expected an Error: " + reply);
        return reply.getBody().getError();
    }

    static UspMsg.Response response(UspMsg.Msg reply) {
        assertTrue(reply.getBody().hasResponse(), () -> "expected a response: " + reply);
        return reply.getBody().getResponse();
    }
}
