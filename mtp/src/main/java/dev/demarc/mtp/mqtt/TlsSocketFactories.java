package dev.demarc.mtp.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory of an MQTT connection from an {@link MqttTlsConfig}: the trust
 * anchors and the optional client key. Protocol versions and host name verification are set
 * per connection by {@link MqttSockets}.
 */
final class TlsSocketFactories {

    /** Largest PEM file read (certificates and keys are a few kilobytes). */
    static final int MAX_PEM_BYTES = 1 << 20;

    private static final char[] IN_MEMORY_PASSWORD = "demarc".toCharArray();
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private TlsSocketFactories() {
    }

    /**
     * The socket factory for {@code tls}.
     *
     * @throws IOException              a file is missing, unreadable or too large
     * @throws GeneralSecurityException a file holds no usable certificate or key
     */
    static SSLSocketFactory create(MqttTlsConfig tls) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustAnchors(tls));
        KeyManager[] keyManagers = keyManagers(tls);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    /** The trusted CAs as a key store, or null for the JVM's defaults. */
    private static KeyStore trustAnchors(MqttTlsConfig tls) throws IOException, GeneralSecurityException {
        if (tls.caFile().isPresent()) {
            Path file = tls.caFile().get();
            Collection<? extends Certificate> cas = readCertificates(file);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            return store;
        }
        if (tls.trustStore().isPresent()) {
            return KeyStore.getInstance(tls.trustStore().get().toFile(), tls.trustStorePassword().toCharArray());
        }
        return null;
    }

    private static KeyManager[] keyManagers(MqttTlsConfig tls) throws IOException, GeneralSecurityException {
        KeyStore store;
        char[] password;
        if (tls.clientKeyStore().isPresent()) {
            password = tls.clientKeyStorePassword().toCharArray();
            store = KeyStore.getInstance(tls.clientKeyStore().get().toFile(), password);
        } else if (tls.clientCertificateFile().isPresent() && tls.clientKeyFile().isPresent()) {
            Path certFile = tls.clientCertificateFile().get();
            List<Certificate> chain = new ArrayList<>(readCertificates(certFile));
            PrivateKey key = readPkcs8Key(tls.clientKeyFile().get());
            password = IN_MEMORY_PASSWORD;
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        } else {
            return null;
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        return kmf.getKeyManagers();
    }

    private static Collection<? extends Certificate> readCertificates(Path file)
            throws IOException, GeneralSecurityException {
        byte[] pem = readBounded(file);
        Collection<? extends Certificate> certs;
        try (InputStream in = new ByteArrayInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return certs;
    }

    private static PrivateKey readPkcs8Key(Path file) throws IOException, GeneralSecurityException {
        String text = new String(readBounded(file), StandardCharsets.US_ASCII);
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("no unencrypted PKCS#8 key (\"" + KEY_BEGIN + "\") in " + file
                    + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("bad base64 in the private key of " + file, e);
        }
        try {
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
            for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (InvalidKeySpecException wrongAlgorithm) {
                    // try the next one
                }
            }
            throw new GeneralSecurityException("the private key in " + file + " is not RSA, EC or EdDSA");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static byte[] readBounded(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_PEM_BYTES) {
            throw new IOException(file + " is " + size + " bytes, more than the " + MAX_PEM_BYTES + " allowed");
        }
        return Files.readAllBytes(file);
    }
}
