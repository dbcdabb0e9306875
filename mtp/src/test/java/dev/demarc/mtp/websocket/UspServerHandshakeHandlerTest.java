package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The server's handshake rules, without sockets. */
class UspServerHandshakeHandlerTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50312);

    private static FullHttpRequest upgrade(String uri) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        req.headers()
                .set("Host", "127.0.0.1")
                .set("Upgrade", "websocket")
                .set("Connection", "keep-alive, Upgrade")
                .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .set("Sec-WebSocket-Version", "13")
                .set("Sec-WebSocket-Protocol", "v1.usp");
        return req;
    }

    private static UspServerHandshakeHandler.Decision decide(FullHttpRequest req) {
        try {
            return UspServerHandshakeHandler.decide(req, "/usp", REMOTE);
        } finally {
            req.release();
        }
    }

    private static HttpResponseStatus refusal(FullHttpRequest req) {
        return ((UspServerHandshakeHandler.Refuse) decide(req)).status();
    }

    @Test
    void an_upgrade_with_v1_usp_and_eid_is_accepted_under_the_endpoint_id() {
        assertEquals(new UspServerHandshakeHandler.Accept("proto::c", "proto::c", false),
                decide(upgrade("/usp?eid=proto::c")));
    }

    @Test
    void without_eid_the_key_is_the_remote_address() {
        assertEquals(new UspServerHandshakeHandler.Accept("/127.0.0.1:50312", "", false), decide(upgrade("/usp")));
    }

    @Test
    void the_query_eid_wins_over_the_deprecated_extension() {
        FullHttpRequest req = upgrade("/usp?eid=proto::query");
        req.headers().set("Sec-WebSocket-Extensions", "bbf-usp-protocol; eid=\"proto::extension\"");
        assertEquals(new UspServerHandshakeHandler.Accept("proto::query", "proto::query", true), decide(req));
    }

    @Test
    void refusals_carry_the_fitting_http_status() {
        FullHttpRequest noProtocol = upgrade("/usp?eid=proto::c");
        noProtocol.headers().remove("Sec-WebSocket-Protocol");
        assertEquals(HttpResponseStatus.BAD_REQUEST, refusal(noProtocol));

        FullHttpRequest otherProtocol = upgrade("/usp?eid=proto::c");
        otherProtocol.headers().set("Sec-WebSocket-Protocol", "v1.usp.json, v2.usp");
        assertEquals(HttpResponseStatus.BAD_REQUEST, refusal(otherProtocol));

        assertEquals(HttpResponseStatus.NOT_FOUND, refusal(upgrade("/other?eid=proto::c")));
        assertEquals(HttpResponseStatus.NOT_FOUND, refusal(upgrade("/usp/?eid=proto::c")));

        FullHttpRequest post = upgrade("/usp");
        post.setMethod(HttpMethod.POST);
        assertEquals(HttpResponseStatus.METHOD_NOT_ALLOWED, refusal(post));

        FullHttpRequest noUpgrade = upgrade("/usp");
        noUpgrade.headers().remove("Upgrade");
        assertEquals(HttpResponseStatus.UPGRADE_REQUIRED, refusal(noUpgrade));

        FullHttpRequest noKey = upgrade("/usp");
        noKey.headers().remove("Sec-WebSocket-Key");
        assertEquals(HttpResponseStatus.BAD_REQUEST, refusal(noKey));

        assertEquals(HttpResponseStatus.BAD_REQUEST, refusal(upgrade("/usp?eid=proto::%G1")));
    }

    @Test
    void v1_usp_among_several_offered_subprotocols_is_enough() {
        FullHttpRequest req = upgrade("/usp?eid=proto::c");
        req.headers().set("Sec-WebSocket-Protocol", "chat, v1.usp");
        assertEquals(new UspServerHandshakeHandler.Accept("proto::c", "proto::c", false), decide(req));
    }
}
