package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Endpoint ID in the handshake URI's query (TR-369 R-WS.10b, R-WS.10c). */
class EndpointIdQueryTest {

    @Test
    void the_spec_example_doc_agent_percent_21_is_sent_as_percent_2521() {
        assertEquals("eid=doc::agent%2521", EndpointIdQuery.queryFor("doc::agent%21"));
        assertEquals(new EndpointIdQuery.Present("doc::agent%21"), EndpointIdQuery.find("eid=doc::agent%2521"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oui:00256D:my-unique-bbf-id-42", "proto::agent", "doc::agent%21", "self::a+b c/d?e&f=g",
        "uuid::9e4a8d1c-0000-4000-8000-000000000001", "user::ünïcødé"})
    void every_endpoint_id_survives_the_round_trip(String endpointId) {
        String query = EndpointIdQuery.queryFor(endpointId);
        assertFalse(query.substring(4).matches(".*[&=+ /?#].*"), query);
        assertEquals(new EndpointIdQuery.Present(endpointId), EndpointIdQuery.find("a=b&" + query + "&c=d"));
    }

    @Test
    void a_plus_is_a_plus_not_a_space() {
        assertEquals(new EndpointIdQuery.Present("self::a+b"), EndpointIdQuery.find("eid=self::a+b"));
    }

    @Test
    void the_first_eid_pair_counts_and_other_keys_are_ignored() {
        assertEquals(new EndpointIdQuery.Present("proto::one"),
                EndpointIdQuery.find("xeid=proto::x&eid=proto::one&eid=proto::two"));
        assertInstanceOf(EndpointIdQuery.Absent.class, EndpointIdQuery.find("ei=proto::x&x=eid=y"));
        assertInstanceOf(EndpointIdQuery.Absent.class, EndpointIdQuery.find(""));
        assertInstanceOf(EndpointIdQuery.Absent.class, EndpointIdQuery.find(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eid=", "eid=doc::a%2", "eid=doc::a%zz", "eid=doc::%C3", "eid=doc::%00", "eid=a b"})
    void malformed_or_empty_values_are_malformed(String query) {
        assertInstanceOf(EndpointIdQuery.Malformed.class, EndpointIdQuery.find(query));
    }

    @Test
    void endpoint_ids_longer_than_256_characters_are_malformed() {
        assertInstanceOf(EndpointIdQuery.Present.class, EndpointIdQuery.find("eid=" + "a".repeat(256)));
        assertInstanceOf(EndpointIdQuery.Malformed.class, EndpointIdQuery.find("eid=" + "a".repeat(257)));
    }

    @Test
    void the_deprecated_extension_form_is_read_as_it_stands() {
        assertEquals(new EndpointIdQuery.Present("doc::controller%21"),
                EndpointIdQuery.fromExtensions("permessage-deflate, bbf-usp-protocol; eid=\"doc::controller%21\""));
        assertEquals(new EndpointIdQuery.Present("proto::c"),
                EndpointIdQuery.fromExtensions("bbf-usp-protocol;eid=proto::c"));
        assertInstanceOf(EndpointIdQuery.Absent.class, EndpointIdQuery.fromExtensions("bbf-usp-protocol"));
        assertInstanceOf(EndpointIdQuery.Absent.class, EndpointIdQuery.fromExtensions("other; eid=\"x\""));
        assertTrue(EndpointIdQuery.offersExtension("a, BBF-USP-Protocol; eid=\"x\""));
        assertFalse(EndpointIdQuery.offersExtension("permessage-deflate"));
    }
}
