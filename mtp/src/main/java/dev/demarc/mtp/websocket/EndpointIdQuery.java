package dev.demarc.mtp.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Endpoint ID in the handshake request URI's query, {@code eid=<endpoint id>} (R-WS.10b).
 *
 * <p>The Endpoint ID is opaque data for the URI (R-WS.10c): every character outside the RFC 3986
 * unreserved set and {@code ':'} is percent-encoded from its UTF-8 bytes, so a {@code '%'} in the
 * Endpoint ID becomes {@code %25} ({@code doc::agent%21} is sent as {@code doc::agent%2521}).
 * Decoding undoes exactly that: {@code %XX} sequences only; a {@code '+'} stays a {@code '+'}.
 */
final class EndpointIdQuery {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EndpointIdQuery() {
    }

    /** The query component naming {@code endpointId}: {@code eid=...}, encoded. */
    static String queryFor(String endpointId) {
        return UspWebSocket.EID_QUERY_KEY + "=" + encode(endpointId);
    }

    static String encode(String endpointId) {
        byte[] bytes = endpointId.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || c == ':') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** What the query said about the Endpoint ID. */
    sealed interface Found {
    }

    /** No {@code eid} pair in the query (or no query). */
    record Absent() implements Found {
    }

    /** The decoded Endpoint ID of the first {@code eid} pair. */
    record Present(String endpointId) implements Found {
    }

    /** An {@code eid} pair that cannot be decoded, or is empty or too long. */
    record Malformed(String reason) implements Found {
    }

    /** Finds the first {@code eid=...} pair of {@code rawQuery} (pairs separated by {@code '&'}). */
    static Found find(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Absent();
        }
        String prefix = UspWebSocket.EID_QUERY_KEY + "=";
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.startsWith(prefix)) {
                return decodeEndpointId(pair.substring(prefix.length()));
            }
        }
        return new Absent();
    }

    /** Decodes one percent-encoded Endpoint ID and checks its length. */
    static Found decodeEndpointId(String encoded) {
        Optional<String> decoded = decode(encoded);
        if (decoded.isEmpty()) {
            return new Malformed("eid is not validly percent-encoded UTF-8");
        }
        return checked(decoded.get());
    }

    /** An Endpoint ID as received (already decoded), checked for length and control characters. */
    static Found checked(String id) {
        if (id.isEmpty()) {
            return new Malformed("eid is empty");
        }
        if (id.length() > UspWebSocket.MAX_ENDPOINT_ID_LENGTH) {
            return new Malformed("eid is longer than " + UspWebSocket.MAX_ENDPOINT_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return new Malformed("eid holds a control character");
            }
        }
        return new Present(id);
    }

    /**
     * Percent-decodes {@code s} as UTF-8; empty when a {@code %} is not followed by two hex digits,
     * a character is not printable ASCII (a raw URI holds none), or the bytes are not UTF-8.
     */
    static Optional<String> decode(String s) {
        ByteBuffer bytes = ByteBuffer.allocate(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c > 0x20 && c < 0x7f) {
                bytes.put((byte) c);
            } else {
                return Optional.empty();
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The Endpoint ID of a {@code bbf-usp-protocol} extension offered in a
     * {@code Sec-WebSocket-Extensions} header, {@code bbf-usp-protocol; eid="doc::controller"} (the
     * deprecated R-WS.10a form, still accepted from older controllers). The value is taken as it
     * stands, not percent-decoded: there it is no part of a URI.
     */
    static Found fromExtensions(String header) {
        if (header == null || header.isEmpty()) {
            return new Absent();
        }
        for (String extension : header.split(",")) {
            String[] parts = extension.split(";");
            if (!parts[0].trim().equalsIgnoreCase(UspWebSocket.EXTENSION)) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                int eq = param.indexOf('=');
                if (eq < 0 || !param.substring(0, eq).trim().equals(UspWebSocket.EID_QUERY_KEY)) {
                    continue;
                }
                String value = param.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return checked(value);
            }
        }
        return new Absent();
    }

    /** True when the header offers the {@code bbf-usp-protocol} extension at all. */
    static boolean offersExtension(String header) {
        if (header == null) {
            return false;
        }
        for (String extension : header.split(",")) {
            if (extension.split(";")[0].trim().equalsIgnoreCase(UspWebSocket.EXTENSION)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
