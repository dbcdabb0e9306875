/**
 * The TR-369 WebSocket MTP ("WebSocket Binding"), both ways, with Netty.
 *
 * <ul>
 *   <li>{@link dev.demarc.mtp.websocket.WebSocketServerTransport}: the agent listens
 *       ({@code Device.LocalAgent.MTP.{i}.WebSocket.}) and controllers connect to it (R-WS.6).</li>
 *   <li>{@link dev.demarc.mtp.websocket.WebSocketClientTransport}: the agent connects to one
 *       controller ({@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.}) and keeps the
 *       session up with the TR-369 session retry algorithm (R-WS.5, R-WS.19).</li>
 * </ul>
 *
 * <p>What both sides do, as the binding says: the handshake offers and answers the subprotocol
 * {@code v1.usp} (R-WS.9 to R-WS.12a); the client names its Endpoint ID in the request URI's query
 * as {@code eid=<endpoint id>}, percent characters encoded as {@code %25} (R-WS.10b, R-WS.10c);
 * each USP Record is one binary message, sent unfragmented, received fragmented or not (R-WS.14 to
 * R-WS.14b); a text message closes the connection with status 1003 (R-WS.16), a message larger than
 * the configured maximum record size with 1009 (RFC 6455 "Message Too Big"); Ping frames go out
 * every KeepAliveInterval and every Ping is answered (R-WS.17, R-WS.18); a received Close frame is
 * answered with a Close frame (R-WS.8, TP-469 7.4).
 *
 * <p>Records are opaque bytes here: nothing in this package reads protobuf. Whoever finds a
 * received record malformed calls {@code closeForUnprocessableRecord} so that the connection is
 * closed with 1003 as R-WS.16 requires.
 */
package dev.demarc.mtp.websocket;
