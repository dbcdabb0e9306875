package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls-ca}, {@code --tls-cert} and {@code --tls-key}: read and checked once, at start. */
class AgentTlsTest {

    @TempDir
    Path tmp;

    TestPki pki;

    @BeforeEach
    void copyPki() {
        pki = new TestPki(tmp);
    }

    private String refusal(Path ca, Path cert, Path key) {
        AgentTls.BadFileException e = assertThrows(AgentTls.BadFileException.class, () -> AgentTls.load(ca, cert, key));
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.US_ASCII);
    }

    @Test
    void without_files_the_jvm_trust_store_is_used_and_the_agent_has_no_certificate() throws Exception {
        AgentTls none = AgentTls.load(null, null, null);
        assertTrue(none.trust().isEmpty());
        assertFalse(none.hasCertificate());
        assertTrue(none.describe().contains("JVM's CA certificates"), none.describe());
    }

    @Test
    void ca_certificate_and_key_are_loaded_and_described_without_key_material() throws Exception {
        AgentTls tls = pki.agentTls();
        assertTrue(tls.trust().isPresent());
        assertTrue(tls.hasCertificate());
        assertEquals(pki.ca(), tls.caFile().orElseThrow());
        assertEquals(pki.agentCert(), tls.certificateFile().orElseThrow());
        assertEquals(pki.agentKey(), tls.keyFile().orElseThrow());
        assertTrue(tls.describe().contains("CN=demarc-test-agent"), tls.describe());
        assertTrue(tls.describe().contains("1 CA certificate(s) of " + pki.ca()), tls.describe());

        String keyBody = Files.readAllLines(pki.agentKey()).get(1);
        for (String shown : List.of(tls.toString(), tls.describe())) {
            assertFalse(shown.contains(keyBody), "no key material: " + shown);
            assertFalse(shown.contains("PRIVATE KEY"), shown);
        }
    }

    @Test
    void a_ca_file_alone_is_enough_to_verify_peers() throws Exception {
        AgentTls tls = AgentTls.load(pki.ca(), null, null);
        assertTrue(tls.trust().isPresent());
        assertFalse(tls.hasCertificate());
    }

    @Test
    void a_certificate_without_its_key_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> AgentTls.load(null, pki.agentCert(), null));
        assertThrows(IllegalArgumentException.class, () -> AgentTls.load(null, null, pki.agentKey()));
    }

    @Test
    void a_missing_file_is_named() {
        Path missing = tmp.resolve("missing.pem");
        assertEquals("--tls-ca " + missing + ": no such file", refusal(missing, null, null));
        assertEquals("--tls-cert " + missing + ": no such file", refusal(null, missing, pki.agentKey()));
        assertEquals("--tls-key " + missing + ": no such file", refusal(null, pki.agentCert(), missing));
    }

    @Test
    void a_directory_is_not_a_file() {
        assertEquals("--tls-ca " + tmp + ": is a directory", refusal(tmp, null, null));
    }

    @Test
    void a_file_too_large_is_refused_before_it_is_read() throws Exception {
        Path big = write("big.pem", "x".repeat(AgentTls.MAX_FILE_BYTES + 1));
        assertTrue(refusal(big, null, null).startsWith("--tls-ca " + big + ": " + (AgentTls.MAX_FILE_BYTES + 1)
                + " bytes, more than"));
    }

    @Test
    void a_file_without_a_certificate_is_refused() throws Exception {
        Path text = write("notes.txt", "hello\n");
        assertEquals("--tls-ca " + text + ": no PEM certificate in it (\"-----BEGIN CERTIFICATE-----\")",
                refusal(text, null, null));
    }

    @Test
    void a_broken_certificate_is_refused() throws Exception {
        Path broken = write("broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertTrue(refusal(broken, null, null).startsWith("--tls-ca " + broken + ": not a valid PEM certificate"));
    }

    @Test
    void the_key_given_as_certificate_and_the_certificate_given_as_key_are_named() {
        assertEquals("--tls-cert " + pki.agentKey() + ": holds a private key, not a certificate",
                refusal(null, pki.agentKey(), pki.agentKey()));
        assertEquals("--tls-key " + pki.agentCert() + ": holds a certificate, not a private key",
                refusal(null, pki.agentCert(), pki.agentCert()));
        assertEquals("--tls-ca " + pki.agentKey() + ": holds a private key, not a certificate",
                refusal(pki.agentKey(), null, null));
    }

    @Test
    void a_certificate_file_with_the_key_in_it_is_refused() throws Exception {
        Path both = write("both.pem", Files.readString(pki.agentCert()) + Files.readString(pki.agentKey()));
        String why = refusal(null, both, pki.agentKey());
        assertTrue(why.startsWith("--tls-cert " + both + ": holds a private key besides certificates"), why);
        assertFalse(why.contains(Files.readAllLines(pki.agentKey()).get(1)), "no key material: " + why);
    }

    @Test
    void an_encrypted_key_is_refused_with_how_to_convert_it() throws Exception {
        Path encrypted = write("encrypted.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0w\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n");
        String why = refusal(null, pki.agentCert(), encrypted);
        assertTrue(why.startsWith("--tls-key " + encrypted + ": the private key is encrypted"), why);
        assertTrue(why.contains("openssl pkcs8 -topk8 -nocrypt"), why);
    }

    @Test
    void a_pkcs1_or_sec1_key_is_refused_with_how_to_convert_it() throws Exception {
        Path sec1 = write("sec1.pem", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA\n-----END EC PRIVATE KEY-----\n");
        String why = refusal(null, pki.agentCert(), sec1);
        assertTrue(why.startsWith("--tls-key " + sec1 + ": a PKCS#1 or SEC1 private key"), why);
        assertFalse(why.contains("MHcCAQEEIA"), "no key material: " + why);
    }

    @Test
    void a_key_that_is_no_key_is_refused_without_quoting_it() throws Exception {
        Path garbage = write("garbage.pem", "-----BEGIN PRIVATE KEY-----\nc2VjcmV0c2VjcmV0\n-----END PRIVATE KEY-----\n");
        String why = refusal(null, pki.agentCert(), garbage);
        assertEquals("--tls-key " + garbage + ": not an RSA, EC or EdDSA private key the JVM can read", why);
    }

    @Test
    void a_key_of_another_certificate_is_refused() throws Exception {
        Path controllerKey = pki.exportKey("controller.p12", "controller", tmp.resolve("controller-key.pem"));
        assertEquals("--tls-key " + controllerKey + ": does not belong to the certificate of --tls-cert "
                + pki.agentCert(), refusal(null, pki.agentCert(), controllerKey));
    }

    @Test
    void the_ca_certificate_with_the_agents_key_is_refused() {
        assertEquals("--tls-key " + pki.agentKey() + ": does not belong to the certificate of --tls-cert " + pki.ca(),
                refusal(null, pki.ca(), pki.agentKey()));
    }

    @Test
    void a_key_others_can_read_is_loaded_with_a_warning() throws Exception {
        try (LogCapture log = new LogCapture(AgentTls.class)) {
            Path key = Files.copy(pki.agentKey(), tmp.resolve("shared-key.pem"));
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            AgentTls.load(null, pki.agentCert(), key);
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("WARN --tls-key " + key + ": other users may read")),
                    log.lines()::toString);
        }
    }
}
