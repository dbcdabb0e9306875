package dev.demarc.core.usp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Endpoint IDs an X.509 certificate vouches for, as TR-369 R-SEC.0a puts them in its
 * {@code subjectAltName}: each {@code uniformResourceIdentifier} of the form
 * {@code urn:bbf:usp:id:ENDPOINT-ID}, and each {@code dNSName} as the {@code fqdn} Endpoint ID
 * {@code fqdn::NAME}. When an MTP authenticates its peer with a certificate, the agent processes
 * a record from that peer only when the record's {@code from_id} is one of them (R-SEC.0a);
 * a certificate shared by several endpoints may wildcard the end of the {@code instance-id}
 * ({@code oui:00256D:*}) for the schemes R-SEC.12 allows. Immutable; any thread.
 *
 * @param endpointIds the Endpoint IDs named, in the certificate's order; empty when it names none
 * @param byUrn       whether at least one of them is a {@code urn:bbf:usp:id:} URI: the certificate
 *                    was made for a USP Endpoint, not only for a host name
 */
public record CertifiedEndpointIds(Set<String> endpointIds, boolean byUrn) {

    /** The URN prefix of an Endpoint ID in a certificate (TR-369 "Endpoint Identifier"). */
    public static final String URN_PREFIX = "urn:bbf:usp:id:";
    /** Schemes whose {@code instance-id} a certificate may wildcard (R-SEC.12). */
    private static final Set<String> WILDCARD_SCHEMES = Set.of("oui", "cid", "pen", "os", "ops");
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_URI = 6;
    /** The most subjectAltName entries read from one certificate. */
    static final int MAX_NAMES = 64;
    /** The {@code from_id} field of a USP Record ({@code usp-record-1-4.proto}). */
    private static final int RECORD_FROM_ID = 3;

    public CertifiedEndpointIds {
        endpointIds = Set.copyOf(new LinkedHashSet<>(endpointIds));
    }

    /** A certificate that names no Endpoint ID: it vouches for none. */
    public static final CertifiedEndpointIds NONE = new CertifiedEndpointIds(Set.of(), false);

    /** What {@code certificate}'s subjectAltName vouches for; nothing when it has none or cannot be read. */
    public static CertifiedEndpointIds of(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return fromSubjectAltNames(names == null ? List.of() : names);
        } catch (CertificateParsingException e) {
            return NONE;
        }
    }

    /** As {@link #of}, from the entries {@link X509Certificate#getSubjectAlternativeNames()} gives. */
    static CertifiedEndpointIds fromSubjectAltNames(Collection<List<?>> names) {
        Set<String> ids = new LinkedHashSet<>();
        boolean byUrn = false;
        for (List<?> entry : names) {
            if (ids.size() >= MAX_NAMES) {
                break;
            }
            if (entry.size() < 2 || !(entry.get(0) instanceof Integer type) || !(entry.get(1) instanceof String value)) {
                continue;
            }
            if (type == SAN_URI && value.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length())
                    && value.length() > URN_PREFIX.length()) {
                ids.add(value.substring(URN_PREFIX.length()));
                byUrn = true;
            } else if (type == SAN_DNS_NAME && !value.isEmpty()) {
                ids.add("fqdn::" + value);
            }
        }
        return new CertifiedEndpointIds(ids, byUrn);
    }

    /**
     * Whether a record from {@code endpointId} may be processed: it is one of the Endpoint IDs,
     * or matches one whose {@code instance-id} holds the wildcard {@code *} (any characters),
     * with the same {@code authority-scheme} (one R-SEC.12 allows) and {@code authority-id}; for
     * {@code os} and {@code ops} the OUI that starts the {@code instance-id} is never wildcarded.
     */
    public boolean vouchesFor(String endpointId) {
        if (endpointIds.contains(endpointId)) {
            return true;
        }
        for (String certified : endpointIds) {
            if (certified.indexOf('*') >= 0 && wildcardMatches(certified, endpointId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wildcardMatches(String pattern, String endpointId) {
        int p1 = pattern.indexOf(':');
        int p2 = p1 < 0 ? -1 : pattern.indexOf(':', p1 + 1);
        int e1 = endpointId.indexOf(':');
        int e2 = e1 < 0 ? -1 : endpointId.indexOf(':', e1 + 1);
        if (p2 < 0 || e2 < 0 || !pattern.substring(0, p2 + 1).equals(endpointId.substring(0, e2 + 1))) {
            return false;
        }
        String scheme = pattern.substring(0, p1).toLowerCase(Locale.ROOT);
        if (!WILDCARD_SCHEMES.contains(scheme) || pattern.substring(0, p2).indexOf('*') >= 0) {
            return false;
        }
        String instance = pattern.substring(p2 + 1);
        if ((scheme.equals("os") || scheme.equals("ops"))
                && (instance.indexOf('-') < 0 || instance.indexOf('*') < instance.indexOf('-'))) {
            return false;
        }
        return glob(instance, endpointId.substring(e2 + 1));
    }

    /** {@code text} matches {@code pattern}, where each {@code *} stands for any characters. */
    private static boolean glob(String pattern, String text) {
        String[] parts = pattern.split("\\*", -1);
        if (!text.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = text.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return text.length() - at >= last.length() && text.endsWith(last);
    }

    /**
     * The {@code from_id} of an encoded USP Record, read without decoding the rest (the last one
     * when the field comes more than once, as a protobuf parser takes it); empty when the bytes
     * are not a record (the agent answers or drops those as TR-369 says) or name none.
     */
    public static Optional<String> fromIdOf(byte[] record) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(record);
            String fromId = null;
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return Optional.ofNullable(fromId);
                }
                if (WireFormat.getTagFieldNumber(tag) == RECORD_FROM_ID
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    fromId = in.readStringRequireUtf8();
                } else if (!in.skipField(tag)) {
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
