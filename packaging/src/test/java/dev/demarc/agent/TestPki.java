package dev.demarc.agent;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test PKI of {@code src/test/resources/tls/} (made by {@code make-certs.sh} there): copies of
 * its files in a directory of the test, and the key stores of the test's controllers and broker.
 */
final class TestPki {

    static final String PASSWORD = "changeit";
    static final List<String> FILES = List.of("ca.pem", "ca-trust.p12", "agent-cert.pem", "agent-key.pem",
            "controller.p12", "impostor.p12", "stranger.p12", "broker.jks", "broker-trust.jks");

    final Path dir;

    /** Copies the PKI into {@code dir}. */
    TestPki(Path dir) {
        this.dir = dir;
        for (String name : FILES) {
            try (InputStream in = TestPki.class.getResourceAsStream("/tls/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource tls/" + name);
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            // As a key should be kept (the agent warns otherwise).
            Files.setPosixFilePermissions(agentKey(), PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | java.io.IOException notPosix) {
            // the warning is harmless
        }
    }

    Path ca() {
        return dir.resolve("ca.pem");
    }

    Path agentCert() {
        return dir.resolve("agent-cert.pem");
    }

    Path agentKey() {
        return dir.resolve("agent-key.pem");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** The agent's TLS as {@code --tls-ca ca.pem --tls-cert agent-cert.pem --tls-key agent-key.pem} gives it. */
    AgentTls agentTls() throws AgentTls.BadFileException {
        return AgentTls.load(ca(), agentCert(), agentKey());
    }

    KeyStore keyStore(String name) throws Exception {
        return KeyStore.getInstance(dir.resolve(name).toFile(), PASSWORD.toCharArray());
    }

    /** The key and certificate of the key store {@code name} ("controller.p12", "stranger.p12"). */
    KeyManagerFactory keyManagers(String name) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore(name), PASSWORD.toCharArray());
        return kmf;
    }

    /** Trusting the test CA only. */
    TrustManagerFactory caTrust() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore("ca-trust.p12"));
        return tmf;
    }

    /** A controller's TLS: trusting the test CA, presenting the key store {@code own} (null: no certificate). */
    SSLContext controllerContext(String own) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(own == null ? null : keyManagers(own).getKeyManagers(), caTrust().getTrustManagers(), null);
        return ctx;
    }

    /** The private key of the key store {@code name} as an unencrypted PKCS#8 PEM file {@code target}. */
    Path exportKey(String name, String alias, Path target) throws Exception {
        PrivateKey key = (PrivateKey) keyStore(name).getKey(alias, PASSWORD.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(target, pem, StandardCharsets.US_ASCII);
    }
}
