package dev.demarc.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own TLS material, as {@code demarc agent} is given it: certificates are device
 * provisioning, not controller configuration (TR-181's {@code Device.Security.Certificate.} and
 * {@code LocalAgent.Certificate.} are not modelled), so they come from files named on the
 * command line.
 * <ul>
 *   <li>{@code --tls-ca FILE}: PEM CA certificates that brokers and controllers must chain to;
 *       without it, the JVM's default trust store;</li>
 *   <li>{@code --tls-cert FILE} and {@code --tls-key FILE}: the agent's certificate chain (PEM,
 *       its own certificate first) and private key (PEM, unencrypted PKCS#8), presented as the
 *       client certificate to MQTT brokers and WebSocket controllers, and as the server
 *       certificate of a WebSocket server MTP with {@code EnableEncryption} true.</li>
 * </ul>
 * {@link #load} reads and checks every file once, at start: a file that cannot be used stops the
 * agent with one line naming the file and the reason. The WebSocket MTPs use what was loaded
 * then; the MQTT MTP reads the files again at each connection attempt (so a renewed certificate
 * is used at the next reconnection), which is why they are kept here by path too.
 *
 * <p>Immutable. {@link #toString()} and {@link #describe()} name files and certificate subjects,
 * never key material.
 */
public final class AgentTls {

    private static final Logger LOG = LoggerFactory.getLogger(AgentTls.class);

    /** Largest file read: certificate bundles and keys are a few kilobytes (a CA bundle a few hundred). */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Most CA certificates taken from {@code --tls-ca}. */
    public static final int MAX_CA_CERTIFICATES = 1000;

    private static final String CA_OPTION = "--tls-ca";
    private static final String CERT_OPTION = "--tls-cert";
    private static final String KEY_OPTION = "--tls-key";
    private static final String CERT_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final char[] IN_MEMORY_PASSWORD = "demarc-in-memory".toCharArray();
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final AgentTls NONE = new AgentTls(null, null, null, null, null, "");

    private final Path caFile;
    private final Path certificateFile;
    private final Path keyFile;
    private final TrustManagerFactory trust;
    private final KeyManagerFactory keyManagers;
    private final String description;

    private AgentTls(Path caFile, Path certificateFile, Path keyFile, TrustManagerFactory trust,
                     KeyManagerFactory keyManagers, String description) {
        this.caFile = caFile;
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.trust = trust;
        this.keyManagers = keyManagers;
        this.description = description;
    }

    /** No files: the JVM's trusted CAs, no certificate of the agent's own. */
    public static AgentTls none() {
        return NONE;
    }

    /** The file cannot be used; the message names it and says why, on one line, without its contents. */
    public static final class BadFileException extends Exception {
        private static final long serialVersionUID = 1L;

        BadFileException(String option, Path file, String why) {
            super(option + " " + file + ": " + why, null, false, false);
        }
    }

    /**
     * Reads and checks the files. The certificate and the key go together: both or neither.
     *
     * @param caFile          {@code --tls-ca}, or null for the JVM's default trust store
     * @param certificateFile {@code --tls-cert}, or null
     * @param keyFile         {@code --tls-key}, or null
     * @throws BadFileException         a file is missing, unreadable, too large, or holds no
     *                                  usable certificate or key, or the key does not belong to
     *                                  the certificate
     * @throws IllegalArgumentException only one of the certificate and the key is given
     */
    public static AgentTls load(Path caFile, Path certificateFile, Path keyFile) throws BadFileException {
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(CERT_OPTION + " and " + KEY_OPTION + " go together: give both or neither");
        }
        if (caFile == null && certificateFile == null) {
            return NONE;
        }
        List<String> said = new ArrayList<>();
        TrustManagerFactory trust = null;
        if (caFile != null) {
            List<X509Certificate> cas = certificates(CA_OPTION, caFile);
            if (cas.size() > MAX_CA_CERTIFICATES) {
                throw new BadFileException(CA_OPTION, caFile, "more than " + MAX_CA_CERTIFICATES + " certificates");
            }
            trust = trustManagers(CA_OPTION, caFile, cas);
            said.add("trusting the " + cas.size() + " CA certificate(s) of " + caFile);
        } else {
            said.add("trusting the JVM's CA certificates");
        }
        KeyManagerFactory keys = null;
        if (certificateFile != null) {
            List<X509Certificate> chain = certificates(CERT_OPTION, certificateFile);
            X509Certificate own = chain.get(0);
            PrivateKey key = privateKey(keyFile, own.getPublicKey());
            checkPair(certificateFile, keyFile, key, own.getPublicKey());
            keys = keyManagers(certificateFile, key, chain);
            warnAbout(certificateFile, keyFile, own);
            said.add("certificate " + own.getSubjectX500Principal().getName() + " (issued by "
                    + own.getIssuerX500Principal().getName() + ", valid until " + own.getNotAfter().toInstant()
                    + ") of " + certificateFile);
        }
        return new AgentTls(caFile, certificateFile, keyFile, trust, keys, String.join("; ", said));
    }

    /** {@code --tls-ca}, if given. */
    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    /** {@code --tls-cert}, if given. */
    public Optional<Path> certificateFile() {
        return Optional.ofNullable(certificateFile);
    }

    /** {@code --tls-key}, if given. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    /** The CAs of {@code --tls-ca}; empty: the JVM's default trust store. */
    public Optional<TrustManagerFactory> trust() {
        return Optional.ofNullable(trust);
    }

    /** The agent's certificate and key; empty when none was given. */
    public Optional<KeyManagerFactory> keyManagers() {
        return Optional.ofNullable(keyManagers);
    }

    /** Whether the agent has a certificate of its own. */
    public boolean hasCertificate() {
        return keyManagers != null;
    }

    /** What was loaded, for the log at start: files and certificate subjects, no key material. */
    public String describe() {
        return description.isEmpty() ? "trusting the JVM's CA certificates, no certificate of the agent's own" : description;
    }

    @Override
    public String toString() {
        return "AgentTls[ca=" + (caFile == null ? "JVM default" : caFile)
                + ", certificate=" + (certificateFile == null ? "none" : certificateFile)
                + ", key=" + (keyFile == null ? "none" : keyFile + " (not shown)") + "]";
    }

    // ------------------------------------------------------------------ reading

    private static List<X509Certificate> certificates(String option, Path file) throws BadFileException {
        String text = new String(read(option, file), StandardCharsets.US_ASCII);
        if (!text.contains(CERT_BEGIN)) {
            throw new BadFileException(option, file, text.contains("PRIVATE KEY-----")
                    ? "holds a private key, not a certificate"
                    : "no PEM certificate in it (\"" + CERT_BEGIN + "\")");
        }
        if (text.contains("PRIVATE KEY-----")) {
            // The MQTT MTP reads this file as certificates only, and a key does not belong here.
            throw new BadFileException(option, file, "holds a private key besides certificates: give the certificates"
                    + " alone here" + (option.equals(CERT_OPTION) ? " and the key with " + KEY_OPTION : ""));
        }
        List<X509Certificate> found = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x) {
                    found.add(x);
                }
            }
        } catch (CertificateException | IOException e) {
            throw new BadFileException(option, file, "not a valid PEM certificate: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new BadFileException(option, file, "no X.509 certificate in it");
        }
        return found;
    }

    private static TrustManagerFactory trustManagers(String option, Path file, List<X509Certificate> cas)
            throws BadFileException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new BadFileException(option, file, "cannot be used as trusted CAs: " + e.getMessage());
        }
    }

    /** The key of {@code file}; messages never quote it. */
    private static PrivateKey privateKey(Path file, PublicKey certified) throws BadFileException {
        String text = new String(read(KEY_OPTION, file), StandardCharsets.US_ASCII);
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new BadFileException(KEY_OPTION, file, keyFormatProblem(text));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new BadFileException(KEY_OPTION, file, "the PEM private key is not valid base64");
        }
        try {
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
            List<String> algorithms = new ArrayList<>(List.of(certified.getAlgorithm()));
            for (String a : List.of("RSA", "EC", "Ed25519", "Ed448", "EdDSA")) {
                if (!algorithms.contains(a)) {
                    algorithms.add(a);
                }
            }
            for (String algorithm : algorithms) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException wrongAlgorithm) {
                    // try the next one
                }
            }
            throw new BadFileException(KEY_OPTION, file, "not an RSA, EC or EdDSA private key the JVM can read");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static String keyFormatProblem(String text) {
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return "the private key is encrypted; the agent needs it unencrypted (PKCS#8):"
                    + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem, readable by the agent only";
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            return "a PKCS#1 or SEC1 private key; the agent reads PKCS#8 (\"" + KEY_BEGIN + "\"):"
                    + " convert it with openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem";
        }
        if (text.contains(CERT_BEGIN)) {
            return "holds a certificate, not a private key";
        }
        return "no unencrypted PKCS#8 PEM private key in it (\"" + KEY_BEGIN + "\")";
    }

    /** The key must be the certificate's: a signature made with it must verify with the certificate. */
    private static void checkPair(Path certificateFile, Path keyFile, PrivateKey key, PublicKey certified)
            throws BadFileException {
        String why = "does not belong to the certificate of " + CERT_OPTION + " " + certificateFile;
        if (!compatible(key.getAlgorithm(), certified.getAlgorithm())) {
            throw new BadFileException(KEY_OPTION, keyFile, why + " (an " + key.getAlgorithm() + " key, the certificate's is "
                    + certified.getAlgorithm() + ")");
        }
        try {
            String algorithm = switch (certified.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
                default -> throw new BadFileException(CERT_OPTION, certificateFile, "a " + certified.getAlgorithm()
                        + " certificate; the agent uses RSA, EC and EdDSA certificates");
            };
            byte[] probe = "demarc: does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certified);
            verify.update(probe);
            if (!verify.verify(signature)) {
                throw new BadFileException(KEY_OPTION, keyFile, why);
            }
        } catch (GeneralSecurityException e) {
            throw new BadFileException(KEY_OPTION, keyFile, why + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean compatible(String keyAlgorithm, String certificateAlgorithm) {
        Set<String> edDsa = Set.of("Ed25519", "Ed448", "EdDSA");
        return keyAlgorithm.equals(certificateAlgorithm)
                || edDsa.contains(keyAlgorithm) && edDsa.contains(certificateAlgorithm);
    }

    private static KeyManagerFactory keyManagers(Path certificateFile, PrivateKey key, List<X509Certificate> chain)
            throws BadFileException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("agent", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, IN_MEMORY_PASSWORD);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new BadFileException(CERT_OPTION, certificateFile, "the certificate chain and key cannot be used"
                    + " together: " + e.getClass().getSimpleName());
        }
    }

    /**
     * What is odd but not fatal, at WARN: a certificate outside its validity (the device's clock
     * may be wrong until NTP sets it, so the agent starts anyway), one whose extended key usage
     * leaves out a role the agent gives it, and a key file others can read.
     */
    private static void warnAbout(Path certificateFile, Path keyFile, X509Certificate own) {
        Date now = Date.from(Instant.now());
        if (own.getNotAfter().before(now)) {
            LOG.warn("{} {}: the certificate expired on {}; peers will refuse it (is the clock right?)",
                    CERT_OPTION, certificateFile, own.getNotAfter().toInstant());
        } else if (own.getNotBefore().after(now)) {
            LOG.warn("{} {}: the certificate is not valid before {}; peers will refuse it (is the clock right?)",
                    CERT_OPTION, certificateFile, own.getNotBefore().toInstant());
        }
        try {
            List<String> usage = own.getExtendedKeyUsage();
            if (usage != null && !usage.contains(CLIENT_AUTH)) {
                LOG.warn("{} {}: the certificate's extended key usage leaves out clientAuth; brokers and controllers"
                        + " that check it will refuse it as the agent's client certificate", CERT_OPTION, certificateFile);
            }
            if (usage != null && !usage.contains(SERVER_AUTH)) {
                LOG.warn("{} {}: the certificate's extended key usage leaves out serverAuth; controllers will refuse"
                        + " it as the certificate of a WebSocket server MTP", CERT_OPTION, certificateFile);
            }
        } catch (CertificateException e) {
            LOG.warn("{} {}: unreadable extended key usage: {}", CERT_OPTION, certificateFile, e.getMessage());
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("{} {}: other users may read the private key; make it readable by the agent only"
                        + " (chmod 600)", KEY_OPTION, keyFile);
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            LOG.debug("permissions of {} not checked: {}", keyFile, notPosix.toString());
        }
    }

    private static byte[] read(String option, Path file) throws BadFileException {
        Objects.requireNonNull(file, "file");
        try {
            if (Files.isDirectory(file)) {
                throw new BadFileException(option, file, "is a directory");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new BadFileException(option, file, size + " bytes, more than the " + MAX_FILE_BYTES
                        + " a certificate or key file may have");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadFileException(option, file, "no such file");
        } catch (AccessDeniedException e) {
            throw new BadFileException(option, file, "permission denied");
        } catch (IOException e) {
            throw new BadFileException(option, file, "cannot be read: " + e.getMessage());
        }
    }
}
