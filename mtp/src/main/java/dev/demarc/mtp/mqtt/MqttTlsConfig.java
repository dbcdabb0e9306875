package dev.demarc.mtp.mqtt;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings of an MQTT client whose transport is {@link MqttTransportProtocol#TLS}. The
 * broker's certificate is always verified: against the CA certificates of {@link #caFile} (PEM),
 * or of {@link #trustStore} (a PKCS#12 or JKS key store), or, when neither is set, the JVM's
 * default trust store. The broker's host name is checked against its certificate unless
 * {@link #hostnameVerification} is turned off. A client certificate is optional: a key store
 * holding one key entry, or a PEM certificate chain with its PEM (unencrypted PKCS#8) key.
 *
 * <p>Files are read at every connection attempt, so a renewed certificate is picked up on the
 * next reconnection. {@link #toString()} never shows a password.
 */
public final class MqttTlsConfig {

    /** Verify against the JVM's default CAs, check the host name, no client certificate. */
    public static final MqttTlsConfig DEFAULT = builder().build();

    private final Path caFile;
    private final Path trustStore;
    private final String trustStorePassword;
    private final boolean hostnameVerification;
    private final Path clientKeyStore;
    private final String clientKeyStorePassword;
    private final Path clientCertificateFile;
    private final Path clientKeyFile;

    private MqttTlsConfig(Builder b) {
        this.caFile = b.caFile;
        this.trustStore = b.trustStore;
        this.trustStorePassword = b.trustStorePassword;
        this.hostnameVerification = b.hostnameVerification;
        this.clientKeyStore = b.clientKeyStore;
        this.clientKeyStorePassword = b.clientKeyStorePassword;
        this.clientCertificateFile = b.clientCertificateFile;
        this.clientKeyFile = b.clientKeyFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.caFile = caFile;
        b.trustStore = trustStore;
        b.trustStorePassword = trustStorePassword;
        b.hostnameVerification = hostnameVerification;
        b.clientKeyStore = clientKeyStore;
        b.clientKeyStorePassword = clientKeyStorePassword;
        b.clientCertificateFile = clientCertificateFile;
        b.clientKeyFile = clientKeyFile;
        return b;
    }

    /** PEM file with the CA certificate(s) the broker's certificate must chain to. */
    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    /** Key store (PKCS#12 or JKS) of trusted CA certificates. */
    public Optional<Path> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** Password of {@link #trustStore()}, empty if none. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** Whether the broker's host name must match its certificate (default true). */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** Key store (PKCS#12 or JKS) holding the client's key and certificate chain. */
    public Optional<Path> clientKeyStore() {
        return Optional.ofNullable(clientKeyStore);
    }

    /** Password of {@link #clientKeyStore()} and of its key entry, empty if none. */
    public String clientKeyStorePassword() {
        return clientKeyStorePassword;
    }

    /** PEM file with the client's certificate chain, the client's own certificate first. */
    public Optional<Path> clientCertificateFile() {
        return Optional.ofNullable(clientCertificateFile);
    }

    /** PEM file with the client's unencrypted PKCS#8 private key ("BEGIN PRIVATE KEY"). */
    public Optional<Path> clientKeyFile() {
        return Optional.ofNullable(clientKeyFile);
    }

    /** Whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return clientKeyStore != null || clientCertificateFile != null;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("MqttTlsConfig[");
        s.append("trust=").append(caFile != null ? "caFile " + caFile
                : trustStore != null ? "trustStore " + trustStore : "system default");
        if (trustStore != null) {
            s.append(", trustStorePassword=").append(mask(trustStorePassword));
        }
        s.append(", hostnameVerification=").append(hostnameVerification);
        if (clientKeyStore != null) {
            s.append(", clientKeyStore=").append(clientKeyStore)
                    .append(", clientKeyStorePassword=").append(mask(clientKeyStorePassword));
        } else if (clientCertificateFile != null) {
            s.append(", clientCertificateFile=").append(clientCertificateFile)
                    .append(", clientKeyFile=").append(clientKeyFile);
        }
        return s.append(']').toString();
    }

    static String mask(String secret) {
        return secret.isEmpty() ? "(none)" : "(hidden)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttTlsConfig t
                && Objects.equals(caFile, t.caFile)
                && Objects.equals(trustStore, t.trustStore)
                && trustStorePassword.equals(t.trustStorePassword)
                && hostnameVerification == t.hostnameVerification
                && Objects.equals(clientKeyStore, t.clientKeyStore)
                && clientKeyStorePassword.equals(t.clientKeyStorePassword)
                && Objects.equals(clientCertificateFile, t.clientCertificateFile)
                && Objects.equals(clientKeyFile, t.clientKeyFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caFile, trustStore, hostnameVerification, clientKeyStore, clientCertificateFile);
    }

    /** Builds an {@link MqttTlsConfig}; every setting is optional. */
    public static final class Builder {
        private Path caFile;
        private Path trustStore;
        private String trustStorePassword = "";
        private boolean hostnameVerification = true;
        private Path clientKeyStore;
        private String clientKeyStorePassword = "";
        private Path clientCertificateFile;
        private Path clientKeyFile;

        private Builder() {
        }

        /** Trust the CA certificate(s) in this PEM file (instead of the JVM's defaults). */
        public Builder caFile(Path pemFile) {
            this.caFile = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /** Trust the certificates in this key store (PKCS#12 or JKS). */
        public Builder trustStore(Path keyStore, String password) {
            this.trustStore = Objects.requireNonNull(keyStore, "keyStore");
            this.trustStorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Check the broker's host name against its certificate (default true). */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /** Present the key and certificate of this key store (PKCS#12 or JKS). */
        public Builder clientKeyStore(Path keyStore, String password) {
            this.clientKeyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.clientKeyStorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Present this PEM certificate chain and PEM (unencrypted PKCS#8) private key. */
        public Builder clientCertificate(Path certificatePem, Path privateKeyPem) {
            this.clientCertificateFile = Objects.requireNonNull(certificatePem, "certificatePem");
            this.clientKeyFile = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if both a CA file and a trust store, or both a client
         *                                  key store and PEM client files, are set
         */
        public MqttTlsConfig build() {
            if (caFile != null && trustStore != null) {
                throw new IllegalArgumentException("set either a CA file or a trust store, not both");
            }
            if (clientKeyStore != null && clientCertificateFile != null) {
                throw new IllegalArgumentException(
                        "set either a client key store or a PEM client certificate and key, not both");
            }
            return new MqttTlsConfig(this);
        }
    }
}
