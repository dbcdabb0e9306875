// A USP controller written by others: iopsys' usp-js (npm), with its own copy of the TR-369 1.4
// protobuf schema, drives a running Demarc agent on 127.0.0.1 and checks what it answers, through
// an MQTT broker or over TR-369's WebSocket MTP (the ws package: either way round). Run by
// .ci/interop/run, which starts the agent; see that script.
//
// Usage: node usp-js-controller.js MTP PORT AGENT_ID [AGENT_TOPIC] [--soak SECONDS]
//   MTP 5.0 or 3.1.1: through the MQTT broker on PORT, at that version of the agent's client (this
//     controller uses the same), publishing to AGENT_TOPIC;
//   MTP ws-agent-server: to the agent's WebSocket server on PORT, path /usp;
//   MTP ws-agent-client: this controller listens on PORT, paths /usp/interop-usp-js and
//     /usp/interop-untrusted (one per controller), and the agent connects to it (it prints
//     "listening" when the agent may start).
//   With INTEROP_TLS_DIR set, the WebSocket sessions are TLS (wss) with the certificates there:
//     ca.pem, each controller's NAME.pem and NAME.key as a client (NAME: its endpoint ID without
//     "proto::"), controllers.pem and controllers.key as the server of ws-agent-client.
//   Exits 0 when every check passed, 1 at the first that did not. With --soak, it checks nothing
//   but keeps the agent busy for SECONDS with a mix of requests (docs/performance.md, "soak").
"use strict";

const fs = require("fs");
const http = require("http");
const https = require("https");
const { build } = require("usp-js");
const { jsonRoots } = require("usp-js/node/configurations/util");
const mqtt = require("async-mqtt");
const protobuf = require("protobufjs");
const WebSocket = require("ws");

const args = process.argv.slice(2);
const soakAt = args.indexOf("--soak");
const soak = soakAt >= 0;
const soakSeconds = soak ? args[soakAt + 1] : undefined;
const [mtp, port, agentId, agentTopic] = soak ? args.slice(0, soakAt) : args;
const MTPS = { "5.0": "MQTT 5.0", "3.1.1": "MQTT 3.1.1", "ws-agent-server": "WebSocket (the agent as server)",
  "ws-agent-client": "WebSocket (the agent as client)" };
const mqttMtp = mtp === "5.0" || mtp === "3.1.1";
if (!(mtp in MTPS) || !/^\d+$/.test(port || "") || !agentId || (mqttMtp && !agentTopic)
    || (soak && !/^\d+$/.test(soakSeconds || ""))) {
  console.error("usage: node usp-js-controller.js 5.0|3.1.1|ws-agent-server|ws-agent-client PORT AGENT_ID [AGENT_TOPIC]"
    + " [--soak SECONDS]");
  process.exit(2);
}
const v5 = mtp === "5.0";
const TRUSTED = { id: "proto::interop-usp-js", name: "interop-usp-js" };
const UNTRUSTED = { id: "proto::interop-untrusted", name: "interop-untrusted" };
for (const c of [TRUSTED, UNTRUSTED]) {
  c.topic = `usp/controller/${c.name}`;
  c.path = `/usp/${c.name}`;
}
const tlsDir = process.env.INTEROP_TLS_DIR || "";
const pem = (file) => fs.readFileSync(`${tlsDir}/${file}`);
// The agent's side of each TLS session: the names its certificate gives and the TLS version.
const tlsPeers = {};
const peerOf = (tlsSocket) => ({ names: tlsSocket.getPeerCertificate().subjectaltname || "", protocol: tlsSocket.getProtocol() });
const WAIT_MS = 10000;
// Subscription IDs are unique keys: a run leaves none behind, but one that failed half-way may.
const run = Date.now().toString(36);

// usp-js publishes with no "reply to" topic, which TR-369 requires (R-MQTT.22): give it one,
// as a Response Topic and Content Type in MQTT 5.0 (R-MQTT.23, .27), after "/reply-to=" in
// MQTT 3.1.1 (R-MQTT.24); and publish at QoS 1, as the agent does.
const clientFor = (replyTo) => async () => {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
    protocolVersion: v5 ? 5 : 4, clean: true, reconnectPeriod: 0, connectTimeout: WAIT_MS,
  });
  const publish = client.publish.bind(client);
  client.publish = (topic, record) => v5
    ? publish(topic, record, { qos: 1, properties: { contentType: "usp.msg", responseTopic: replyTo } })
    : publish(`${topic}/reply-to=${replyTo.split("/").join("%2F")}`, record, { qos: 1 });
  return client;
};

const loadProtobuf = async (uspVersion) => {
  const [record, msg] = jsonRoots[uspVersion];
  const rootRecord = protobuf.Root.fromJSON(record);
  const rootMsg = protobuf.Root.fromJSON(msg);
  return { rootRecord, rootMsg, header: rootMsg.lookupType("usp.Header") };
};

// TR-369's WebSocket MTP: one session per controller, binary frames of USP Records, subprotocol
// v1.usp (R-WS.5). usp-js takes a client shaped like an MQTT library's; its records arrive as
// "message" events. The agent's WebSocketConnectRecord (R-MTP.6) and DisconnectRecord are not for
// usp-js, which cannot read them: they are kept here, per controller, for the checks. The client
// is made as the socket is, so that no frame goes unseen, and holds what arrives before usp-js
// listens.
const recordType = protobuf.Root.fromJSON(jsonRoots[Object.keys(jsonRoots).pop()][0]).lookupType("usp_record.Record");
const sessions = {};
const sessionClient = (controller, socket) => {
  const session = { socket, records: [] };
  sessions[controller.id] = session;
  const listeners = {};
  const held = [];
  const emit = (event, ...values) => (listeners[event] || []).forEach((fn) => fn(...values));
  socket.on("message", (data, isBinary) => {
    let record;
    try {
      record = recordType.decode(data);
    } catch (e) {
      problems.push(`${controller.id}: a WebSocket frame that is not a USP Record: ${e}`);
      return;
    }
    session.records.push({ binary: isBinary, type: record.recordType, toId: record.toId, fromId: record.fromId });
    if (record.recordType !== "noSessionContext") {
      return;
    }
    if (listeners.message) {
      emit("message", "", data);
    } else {
      held.push(data);
    }
  });
  socket.on("error", (e) => emit("error", e));
  socket.on("close", () => emit("close"));
  return {
    on: (event, fn) => {
      (listeners[event] = listeners[event] || []).push(fn);
      if (event === "message" && held.length > 0) {
        setImmediate(() => held.splice(0).forEach((data) => emit("message", "", data)));
      }
    },
    subscribe: async () => {},
    unsubscribe: async () => {},
    publish: (_endpoint, record) => socket.send(record, { binary: true }),
    end: () => new Promise((resolve) => {
      socket.once("close", resolve);
      socket.close(1000);
    }),
  };
};

// ws-agent-server: each controller opens a session to the agent, naming itself in "eid" (R-WS.10b).
const openSession = async (controller) => {
  const options = tlsDir ? { ca: pem("ca.pem"), cert: pem(`${controller.name}.pem`), key: pem(`${controller.name}.key`) } : {};
  const socket = new WebSocket(`${tlsDir ? "wss" : "ws"}://127.0.0.1:${port}/usp?eid=${encodeURIComponent(controller.id)}`,
    "v1.usp", options);
  if (tlsDir) {
    socket.once("upgrade", (res) => { tlsPeers[controller.id] = peerOf(res.socket); });
  }
  const client = sessionClient(controller, socket);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
    socket.once("unexpected-response", (_, res) => reject(new Error(`the agent answered the handshake with ${res.statusCode}`)));
  });
  return client;
};

// ws-agent-client: the agent opens a session to each controller's path; the handshake names the
// agent in "eid".
const accepted = {};
const handshakes = {};
const listen = () => new Promise((resolve, reject) => {
  const wss = new WebSocket.Server({ noServer: true, handleProtocols: (offered) => (offered.has("v1.usp") ? "v1.usp" : false) });
  const notFound = (_, res) => res.writeHead(404).end();
  const server = tlsDir
    ? https.createServer({ ca: pem("ca.pem"), cert: pem("controllers.pem"), key: pem("controllers.key"), requestCert: true,
      rejectUnauthorized: true }, notFound)
    : http.createServer(notFound);
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url, "ws://127.0.0.1");
    const controller = [TRUSTED, UNTRUSTED].find((c) => c.path === url.pathname);
    if (!controller) {
      socket.destroy();
      return;
    }
    if (tlsDir) {
      tlsPeers[controller.id] = peerOf(socket);
    }
    handshakes[controller.id] = { eid: url.searchParams.get("eid"), protocol: req.headers["sec-websocket-protocol"] };
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client = sessionClient(controller, ws);
      if (accepted[controller.id]) {
        accepted[controller.id](client);
      }
    });
  });
  server.once("error", reject);
  server.listen(Number(port), "127.0.0.1", () => resolve(server));
});
const awaitSession = (controller) => Promise.race([
  new Promise((resolve) => { accepted[controller.id] = resolve; }),
  within(3 * WAIT_MS, `WebSocket session from the agent to ${controller.path}`)]);

const problems = [];
const onBoardRequests = [];
// usp-js routes a Notify by its subscription_id, which an OnBoardRequest leaves empty (R-NOT.7):
// it hands that one to onError, and it is answered here, as R-NOT.6a asks of a controller.
const NO_ID = "Could not locate id for message:\n";
const connectAs = async (controller, session) => {
  const connectClient = mqttMtp ? clientFor(controller.topic) : async () => session;
  const connect = build({ connectClient, decodeID: String, loadProtobuf });
  const connection = {};
  const onError = (e) => {
    const text = String(e);
    const msg = text.startsWith(NO_ID) ? JSON.parse(text.slice(NO_ID.length)) : null;
    const notify = msg && msg.body && msg.body.request && msg.body.request.notify;
    if (notify && notify.onBoardReq) {
      onBoardRequests.push(notify);
      connection.usp._notifyResp(notify.subscriptionId || "", msg.header.msgId);
      return;
    }
    problems.push(`${controller.id}: usp-js could not read what arrived: ${text.slice(0, 300)}`);
  };
  connection.usp = await connect(
    // In MQTT 3.1.1 the agent's PUBLISH topic names end in its own "/reply-to=": hence the "/#".
    { fromId: controller.id, toId: agentId, publishEndpoint: agentTopic, subscribeEndpoint: v5 ? controller.topic : `${controller.topic}/#`,
      timeout: WAIT_MS },
    { onError });
  return connection.usp;
};

let checks = 0;
const check = (what, ok, detail) => {
  checks++;
  if (!ok) {
    throw new Error(`${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  console.log(`  ok  ${what}`);
};
const failure = async (promise) => {
  try {
    return { answer: await promise };
  } catch (e) {
    return { error: e };
  }
};
const waitFor = async (condition, what) => {
  for (const end = Date.now() + WAIT_MS; !condition(); ) {
    if (Date.now() > end) {
      throw new Error(`no ${what} within ${WAIT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};
const within = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms));

const scenario = async (usp, untrusted) => {
  const C = "Device.LocalAgent.Controller.1.";

  const protocols = await usp.supportedProto("1.3,1.4");
  check("GetSupportedProtocol names 1.4", [].concat(protocols).join(",").includes("1.4"), protocols);

  const endpoint = await usp.get("Device.LocalAgent.EndpointID");
  check("Get of a parameter: Device.LocalAgent.EndpointID", endpoint === agentId, endpoint);

  const whole = await usp.get(C);
  check("Get of an object: its controller entry", whole.EndpointID === TRUSTED.id && whole.Enable === "true", whole);

  const missing = await failure(usp.get("Device.NoSuchObject."));
  check("Get of a path the model lacks fails with 7026", missing.error && missing.error.errCode === 7026, missing);

  const set = await usp.set(`${C}PeriodicNotifInterval`, "600");
  check("Set answers the changed parameter", JSON.stringify(set).includes("\"PeriodicNotifInterval\":\"600\""), set);
  check("Get reads the value back", (await usp.get(`${C}PeriodicNotifInterval`)) === "600", "");

  const badValue = await failure(usp.set(`${C}PeriodicNotifInterval`, "not a number"));
  // 7021 for the object (a required parameter failed), 7011 for the parameter (invalid type).
  check("Set of a value of the wrong type fails with 7021 and 7011",
    badValue.error && badValue.error.errCode === 7021 && JSON.stringify(badValue.error).includes("\"errCode\":7011"), badValue);

  // ValueChange: the agent tells of a value a controller changed, and is answered (NotifRetry).
  let changed;
  const valueChange = new Promise((resolve) => { changed = resolve; });
  const stopValueChange = await usp.subscribe(
    { id: `value-change-${run}`, notif: "ValueChange", reference: `${C}PeriodicNotifInterval` },
    (msg) => changed(msg));
  await usp.set(`${C}PeriodicNotifInterval`, "700");
  const told = await Promise.race([valueChange, within(WAIT_MS, "ValueChange notification")]);
  check("a ValueChange notification follows a Set", JSON.stringify(told).includes("700"), told);
  await stopValueChange();

  // ObjectCreation and ObjectDeletion, of a controller's BootParameter table.
  const events = [];
  let sawBoth;
  const both = new Promise((resolve) => { sawBoth = resolve; });
  const onObject = (msg) => { events.push(msg); if (events.length === 2) sawBoth(); };
  const stopCreation = await usp.subscribe({ id: `creation-${run}`, notif: "ObjectCreation", reference: `${C}BootParameter.` }, onObject);
  const stopDeletion = await usp.subscribe({ id: `deletion-${run}`, notif: "ObjectDeletion", reference: `${C}BootParameter.` }, onObject);
  const added = await usp.add(`${C}BootParameter.`, { Enable: "true", ParameterName: "Device.DeviceInfo.SoftwareVersion" });
  check("Add answers the new instance", typeof added === "string" && added.startsWith(`${C}BootParameter.`), added);
  const instances = await usp.instances(`${C}BootParameter.`);
  check("GetInstances lists it", JSON.stringify(instances).includes(added), instances);
  const deleted = await usp.del(added);
  check("Delete answers the deleted instance", JSON.stringify(deleted).includes(added), deleted);
  await Promise.race([both, within(WAIT_MS, "ObjectCreation and ObjectDeletion notifications")]);
  const told2 = JSON.stringify(events);
  check("ObjectCreation and ObjectDeletion notifications name the instance", told2.includes(added), events);
  await stopCreation();
  await stopDeletion();

  const gone = await failure(usp.get(added));
  check("Get of the deleted instance fails", gone.error && [7004, 7026].includes(gone.error.errCode), gone);

  // A synchronous command, answered in an OperateResp (usp-js hands over its output arguments
  // only, which this command has none of: the whole message is read as it arrives).
  let operateResp;
  usp.on("OPERATE@on-board", (_, whole) => { operateResp = whole; });
  const [onBoard] = await usp.operate(`${C}SendOnBoardRequest()`, { isAsync: false, ID: "on-board" });
  await onBoard();
  check("Operate of a synchronous command is answered with the command it ran",
    JSON.stringify(operateResp || {}).includes(`"executedCommand":"${C}SendOnBoardRequest()"`), operateResp);

  const told3 = await waitFor(() => onBoardRequests.length > 0, "OnBoardRequest notification");
  check("SendOnBoardRequest() sends an OnBoardRequest Notify, with send_resp", told3 && onBoardRequests[0].sendResp === true,
    onBoardRequests);

  // An asynchronous command: usp-js subscribes to OperationComplete and waits for its Notify.
  const [ping, stopPing] = await usp.operate("Device.IP.Diagnostics.IPPing()", { ID: `ping-${run}` });
  // Every input argument TR-181 marks mandatory (the agent answers 7027 if one is missing).
  const pinged = await Promise.race([
    ping({ ProtocolVersion: "IPv4", Host: "127.0.0.1", NumberOfRepetitions: "2", Timeout: "2000", DataBlockSize: "64" }),
    within(WAIT_MS, "OperationComplete notification")]);
  check("OperationComplete of IPPing() to 127.0.0.1 tells its results",
    JSON.stringify(pinged).includes("SuccessCount"), pinged);
  await stopPing();

  // TR-181 Device.ScheduleTimer() (TP-469 9.11): its OperationComplete comes DelaySeconds later.
  const [timer, stopTimer] = await usp.operate("Device.ScheduleTimer()", { ID: `timer-${run}` });
  const startedAt = Date.now();
  const fired = await Promise.race([timer({ DelaySeconds: "1" }), within(WAIT_MS, "OperationComplete of ScheduleTimer()")]);
  check("OperationComplete of ScheduleTimer() comes after DelaySeconds",
    fired !== undefined && !(fired && fired.error) && Date.now() - startedAt >= 900, fired);
  await stopTimer();

  const unknownCommand = await failure(usp._operate("Device.LocalAgent.NoSuchCommand()", "OPERATE@unknown", true, {}));
  check("Operate of a command the model lacks fails", unknownCommand.error !== undefined, unknownCommand);

  const supported = await usp.supportedDM(C, { firstLevelOnly: true, returnCommands: true, returnEvents: true, returnParams: true });
  const dm = JSON.stringify(supported);
  check("GetSupportedDM lists a controller's commands and parameters",
    dm.includes("SendOnBoardRequest()") && dm.includes("PeriodicNotifInterval"), supported);

  // The path language and the request fields other agents get wrong.
  const searched = await usp.get(`Device.LocalAgent.Controller.[EndpointID=="${TRUSTED.id}"].Enable`);
  check("Get with a search expression", JSON.stringify(searched) === '["true"]', searched);
  const each = await usp.get("Device.LocalAgent.Controller.*.EndpointID");
  check("Get with a wildcard", [TRUSTED.id, UNTRUSTED.id].every((id) => JSON.stringify(each).includes(id)), each);
  const shallow = await usp.get("Device.LocalAgent.", { max_depth: 1, raw: true });
  const resolved = shallow.body.response.getResp.reqPathResults[0].resolvedPathResults.map((r) => r.resolvedPath);
  check("Get with max_depth 1 answers the object alone", JSON.stringify(resolved) === '["Device.LocalAgent."]', resolved);
  const firstLevel = JSON.stringify(await usp.instances("Device.LocalAgent.", { firstLevelOnly: true }));
  check("GetInstances with first_level_only leaves out deeper instances",
    firstLevel.includes(`"${C}"`) && !firstLevel.includes(`${C}MTP.1.`), firstLevel);
  const notTable = await failure(usp.add("Device.LocalAgent."));
  check("Add of an object that is not a table fails with 7018", notTable.error && notTable.error.errCode === 7018, notTable);
  const noSuchInstance = await usp.del("Device.LocalAgent.Subscription.9999.", false);
  check("Delete of a missing instance, allow_partial false, is an empty success (TP-469 1.25)",
    JSON.stringify(noSuchInstance) === "[]", noSuchInstance);

  // Access control: the untrusted role may change nothing.
  const refused = await failure(untrusted.set(`${C}PeriodicNotifInterval`, "800"));
  check("Set by a controller of the untrusted role fails with 7006", JSON.stringify(refused.error || {}).includes("7006"),
    refused);
  check("and changed nothing", (await usp.get(`${C}PeriodicNotifInterval`)) === "700", "");

  // Periodic! at the controller's PeriodicNotifInterval, to a subscription to the event.
  const periodic = [];
  const stopPeriodic = await usp.subscribe(
    { id: `periodic-${run}`, notif: "Event", reference: "Device.LocalAgent.Periodic!" },
    (msg, whole) => periodic.push({ at: Date.now(), whole }));
  await usp.set(`${C}PeriodicNotifInterval`, "1");
  await waitFor(() => periodic.length >= 2, "two Periodic! events");
  const event = JSON.stringify(periodic[0].whole);
  check("Periodic! events come at PeriodicNotifInterval",
    event.includes('"eventName":"Periodic!"') && periodic[1].at - periodic[0].at >= 500, periodic.map((p) => p.at));
  await usp.set(`${C}PeriodicNotifInterval`, "86400");
  await stopPeriodic();
};

// The soak: a Get of Device.DeviceInfo. every 5 ms or so; every 10th time a subscription added and
// deleted, every 50th a Set and a Get of all of Device. (here about 120 rounds, 150 requests, a second).
const soakScenario = async (usp) => {
  const C = "Device.LocalAgent.Controller.1.";
  const end = Date.now() + Number(soakSeconds) * 1000;
  let n = 0;
  for (; Date.now() < end; n++) {
    await usp.get("Device.DeviceInfo.");
    if (n % 10 === 0) {
      const added = await usp.add("Device.LocalAgent.Subscription.",
        { NotifType: "ValueChange", ReferenceList: `${C}PeriodicNotifInterval`, Enable: "true", ID: `soak-${n}-${run}` });
      await usp.del(added);
    }
    if (n % 50 === 0) {
      await usp.set(`${C}PeriodicNotifInterval`, String(600 + (n % 1000)));
      await usp.get("Device.");
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  console.log(`usp-js: soak of ${soakSeconds} s, ${n} rounds`);
};

// usp-js waits for ever for an answer that never comes: the whole run is bounded here.
const bound = 120 + (soak ? Number(soakSeconds) : 0);
setTimeout(() => {
  console.error(`usp-js: FAILED after ${checks} checks: the run did not end within ${bound} s`);
  process.exit(1);
}, bound * 1000).unref();

// The WebSocket sessions as TR-369 has them: subprotocol v1.usp, binary frames, the
// WebSocketConnectRecord first (R-MTP.6), from the agent to this controller.
const checkSessions = (controllers) => {
  for (const c of controllers) {
    const { socket, records } = sessions[c.id];
    check(`the WebSocket session with ${c.id} speaks v1.usp`, socket.protocol === "v1.usp", socket.protocol);
    check(`the agent's first record to ${c.id} is a WebSocketConnectRecord`,
      records.length > 0 && records[0].type === "websocketConnect" && records[0].toId === c.id
        && records[0].fromId === agentId, records.slice(0, 3));
    check(`every record to ${c.id} came in a binary frame`, records.every((r) => r.binary), records);
    if (tlsDir) {
      const peer = tlsPeers[c.id] || {};
      check(`the agent's certificate in its TLS session with ${c.id} names it (urn:bbf:usp:id:)`,
        (peer.names || "").split(", ").includes(`URI:urn:bbf:usp:id:${agentId}`), peer);
      check(`that session is TLS 1.2 or later`, ["TLSv1.2", "TLSv1.3"].includes(peer.protocol), peer);
    }
  }
};

(async () => {
  let server;
  const session = {};
  if (mtp === "ws-agent-client") {
    server = await listen();
    console.log("listening");
    [session.trusted, session.untrusted] = await Promise.all([awaitSession(TRUSTED), awaitSession(UNTRUSTED)]);
  } else if (mtp === "ws-agent-server") {
    session.trusted = await openSession(TRUSTED);
    session.untrusted = await openSession(UNTRUSTED);
  }
  console.log(`usp-js against the agent ${agentId}, ${MTPS[mtp]}${tlsDir ? " over TLS" : ""}, 127.0.0.1:${port}`);
  const usp = await connectAs(TRUSTED, session.trusted);
  const untrusted = await connectAs(UNTRUSTED, session.untrusted);
  if (mtp === "ws-agent-client" && !soak) {
    for (const c of [TRUSTED, UNTRUSTED]) {
      check(`the agent names itself in the eid of its handshake to ${c.path}`, handshakes[c.id].eid === agentId,
        handshakes[c.id]);
    }
  }
  try {
    await (soak ? soakScenario(usp) : scenario(usp, untrusted));
  } finally {
    await usp.disconnect();
    await untrusted.disconnect();
  }
  if (problems.length > 0) {
    throw new Error(problems.join("\n"));
  }
  if (!soak && !mqttMtp) {
    checkSessions([TRUSTED, UNTRUSTED]);
  }
  if (server) {
    server.close();
  }
  if (!soak) {
    console.log(`usp-js: ${checks} checks passed over ${MTPS[mtp]}${tlsDir ? " over TLS" : ""}`);
  }
})().then(() => process.exit(0), (e) => {
  console.error(`usp-js: FAILED after ${checks} checks: ${e instanceof Error ? e.message : JSON.stringify(e)}`);
  process.exit(1);
});
