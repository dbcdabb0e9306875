package dev.demarc.core.usp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.demarc.core.usp.proto.UspRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TR-369 R-SEC.0a, R-SEC.11, R-SEC.12: which Endpoint IDs a certificate's subjectAltName vouches for. */
class CertifiedEndpointIdsTest {

    private static List<?> uri(String value) {
        return List.of(6, value);
    }

    private static List<?> dns(String value) {
        return List.of(2, value);
    }

    private static CertifiedEndpointIds of(List<?>... names) {
        return CertifiedEndpointIds.fromSubjectAltNames(List.of(names));
    }

    @Test
    void urn_uris_and_dns_names_are_the_endpoint_ids_and_nothing_else_is() {
        CertifiedEndpointIds ids = of(uri("urn:bbf:usp:id:proto::controller-1"), uri("URN:BBF:USP:ID:oui:00256D:acs"),
                dns("acs.example.net"), uri("https://acs.example.net/"), uri("urn:bbf:usp:id:"), List.of(7, "127.0.0.1"));
        assertEquals(Set.of("proto::controller-1", "oui:00256D:acs", "fqdn::acs.example.net"), ids.endpointIds());
        assertTrue(ids.byUrn());
        assertFalse(of(dns("acs.example.net")).byUrn(), "a host name only: made for a host, not a USP Endpoint");
        assertTrue(ids.vouchesFor("proto::controller-1"));
        assertTrue(ids.vouchesFor("fqdn::acs.example.net"));
        assertFalse(ids.vouchesFor("proto::controller-2"));
        assertFalse(ids.vouchesFor("https://acs.example.net/"));
        assertFalse(of().vouchesFor("proto::controller-1"), "a certificate naming no Endpoint ID vouches for none");
    }

    @Test
    void a_wildcarded_instance_id_covers_the_endpoints_of_its_authority_only() {
        CertifiedEndpointIds oui = of(uri("urn:bbf:usp:id:oui:00256D:*"));
        assertTrue(oui.vouchesFor("oui:00256D:box-17"));
        assertFalse(oui.vouchesFor("oui:00256E:box-17"), "another authority-id");
        assertFalse(oui.vouchesFor("cid:00256D:box-17"), "another scheme");

        CertifiedEndpointIds os = of(uri("urn:bbf:usp:id:os::00256D-*"));
        assertTrue(os.vouchesFor("os::00256D-SN0042"));
        assertFalse(os.vouchesFor("os::00256E-SN0042"));
        assertFalse(of(uri("urn:bbf:usp:id:os::*")).vouchesFor("os::00256D-SN0042"), "the OUI of os is never wildcarded");
        assertFalse(of(uri("urn:bbf:usp:id:proto::*")).vouchesFor("proto::anything"), "proto may not be wildcarded");
        assertFalse(of(uri("urn:bbf:usp:id:oui:*:x")).vouchesFor("oui:00256D:x"), "nor the authority-id");
    }

    @Test
    void the_from_id_of_a_record_is_read_and_the_last_one_counts() {
        byte[] record = UspRecord.Record.newBuilder().setVersion("1.4").setToId("os::agent").setFromId("proto::c1")
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("payload")))
                .build().toByteArray();
        assertEquals(Optional.of("proto::c1"), CertifiedEndpointIds.fromIdOf(record));

        // A second from_id after the first: a parser takes the last, so must the check.
        java.io.ByteArrayOutputStream twice = new java.io.ByteArrayOutputStream();
        twice.writeBytes(record);
        twice.writeBytes(UspRecord.Record.newBuilder().setFromId("proto::evil").build().toByteArray());
        byte[] both = twice.toByteArray();
        assertEquals("proto::evil", CertifiedEndpointIds.fromIdOf(both).orElseThrow());
        assertEquals(Optional.empty(), CertifiedEndpointIds.fromIdOf(new byte[] {(byte) 0xff, 0x01}));
        assertEquals(Optional.empty(), CertifiedEndpointIds.fromIdOf("not a record".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
