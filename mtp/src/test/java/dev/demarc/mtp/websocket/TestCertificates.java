package dev.demarc.mtp.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made for a test run with the JDK's {@code keytool}: nothing checked in,
 * nothing from outside the JDK.
 */
final class TestCertificates {

    static final char[] PASSWORD = "test-only".toCharArray();

    /** One key pair and its self-signed certificate in a PKCS#12 key store. */
    record Identity(String alias, KeyStore keyStore) {

        KeyManagerFactory keyManagers() throws GeneralSecurityException {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            return kmf;
        }

        /** A trust store holding just this identity's certificate. */
        TrustManagerFactory trustManagers() throws GeneralSecurityException, IOException {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            Certificate cert = keyStore.getCertificate(alias);
            trust.setCertificateEntry(alias, cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return tmf;
        }
    }

    private TestCertificates() {
    }

    /** Makes a key pair valid for {@code subjectAltName} (keytool's {@code SAN=} syntax) in {@code dir}. */
    static Identity generate(Path dir, String alias, String subjectAltName) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + alias + ", O=Demarc test", "-ext", "SAN=" + subjectAltName,
                "-validity", "3650", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return new Identity(alias, ks);
    }

    /** A JDK SSLContext trusting {@code trusted}, presenting {@code own} when asked (may be null). */
    static SSLContext sslContext(Identity trusted, Identity own) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(own == null ? null : own.keyManagers().getKeyManagers(),
                trusted.trustManagers().getTrustManagers(), null);
        return ctx;
    }
}
