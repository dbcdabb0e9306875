package dev.demarc.cli.doctor;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What doctor tells of a server's certificate. Immutable.
 *
 * @param subject   its subject, as RFC 2253 text ({@code CN=broker.example.net})
 * @param issuer    its issuer, same form
 * @param notBefore the start of its validity
 * @param notAfter  the end of its validity
 * @param names     its subject alternative names (DNS names and IP addresses), at most {@link #MAX_NAMES}
 */
public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter, List<String> names) {

    /** The most alternative names kept. */
    public static final int MAX_NAMES = 16;

    public CertificateInfo {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        names = List.copyOf(names.size() <= MAX_NAMES ? names : names.subList(0, MAX_NAMES));
    }

    /** The information of {@code c}. */
    public static CertificateInfo of(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    // 2: dNSName, 7: iPAddress
                    if (entry.size() >= 2 && (Integer.valueOf(2).equals(entry.get(0))
                            || Integer.valueOf(7).equals(entry.get(0)))) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable alternative names)");
        }
        return new CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), names);
    }

    /** Whole days from {@code now} to the end of validity; negative once it has ended. */
    public long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).getSeconds(), 86_400L);
    }

    /** True when {@code now} lies outside the validity. */
    public boolean expiredAt(Instant now) {
        return now.isAfter(notAfter);
    }

    /** True when {@code now} lies before the start of validity. */
    public boolean notYetValidAt(Instant now) {
        return now.isBefore(notBefore);
    }
}
