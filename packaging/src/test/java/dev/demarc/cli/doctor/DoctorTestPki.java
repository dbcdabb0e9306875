package dev.demarc.cli.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificates for the reachability tests, made with the JDK's keytool when first asked for (the
 * validity of "expired" and "about to expire" certificates is relative to today, so they cannot
 * be checked in): a test CA and server certificates for localhost/127.0.0.1 that it issued, valid,
 * expired, expiring in ten days, not valid yet, naming another host; and a self-signed one no one
 * trusts. Every key store is PKCS#12 with the password {@value #PASSWORD}. Made in
 * {@code target/doctor-pki}, again when those are more than an hour old.
 */
public final class DoctorTestPki {

    static final String PASSWORD = "changeit";
    static final String VALID = "valid";
    static final String EXPIRED = "expired";
    static final String EXPIRING = "expiring";
    static final String NOT_YET_VALID = "future";
    static final String OTHER_HOST = "otherhost";
    static final String SELF_SIGNED = "selfsigned";
    private static final String LOCAL_SAN = "san=dns:localhost,ip:127.0.0.1";

    private static DoctorTestPki instance;

    final Path dir;

    private DoctorTestPki(Path dir) {
        this.dir = dir;
    }

    /** The PKI, made on first use. */
    static synchronized DoctorTestPki get() throws IOException, InterruptedException {
        if (instance == null) {
            Path dir = Path.of("target", "doctor-pki").toAbsolutePath();
            Path done = dir.resolve("done");
            // validity is relative to the day they were made: make them again when an hour old
            if (!Files.exists(done) || Files.getLastModifiedTime(done).toInstant()
                    .isBefore(java.time.Instant.now().minus(java.time.Duration.ofHours(1)))) {
                make(dir);
            }
            instance = new DoctorTestPki(dir);
        }
        return instance;
    }

    /** The CA's certificate, PEM: what {@code --tls-ca} names. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** A server's TLS context presenting the key store {@code name}. */
    SSLContext serverContext(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance(dir.resolve(name + ".p12").toFile(), PASSWORD.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void make(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Demarc Doctor Test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-startdate", "-1000d",
                "-validity", "5000", "-keystore", "ca.p12", "-storetype", "PKCS12");
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        issue(dir, VALID, "-1d", "365", LOCAL_SAN);
        issue(dir, EXPIRED, "-400d", "30", LOCAL_SAN);
        issue(dir, EXPIRING, "-1d", "11", LOCAL_SAN);
        issue(dir, NOT_YET_VALID, "+10d", "365", LOCAL_SAN);
        issue(dir, OTHER_HOST, "-1d", "365", "san=dns:other.example.net");
        keytool(dir, "-genkeypair", "-alias", SELF_SIGNED, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", LOCAL_SAN, "-validity", "365", "-keystore", SELF_SIGNED + ".p12",
                "-storetype", "PKCS12");
        Files.writeString(dir.resolve("done"), "made by DoctorTestPki\n", StandardCharsets.US_ASCII);
    }

    /** A key store {@code name}.p12 with a key and its certificate issued by the CA, as {@code startDate} and {@code days} say. */
    private static void issue(Path dir, String name, String startDate, String days, String san)
            throws IOException, InterruptedException {
        String store = name + ".p12";
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "365", "-keystore", store, "-storetype", "PKCS12");
        keytool(dir, "-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile",
                name + ".crt", "-rfc", "-startdate", startDate, "-validity", days, "-ext", san, "-ext",
                "eku=serverAuth");
        keytool(dir, "-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", store);
        keytool(dir, "-importcert", "-alias", name, "-file", name + ".crt", "-keystore", store);
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
