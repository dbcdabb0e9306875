package dev.demarc.core.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named data types of TR-106 ({@code tr-106-types.xml}) with the facets that file gives
 * them. Where the file states a rule only in prose (IPAddress, IPv6Address, IPPrefix,
 * IPv6Prefix, Alias), the rule is checked as written there; see each constant.
 *
 * <p>Patterns are the file's own, with its entities expanded: an octet is
 * {@code (25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])} and an IPv4 prefix length
 * {@code (3[0-2]|[012]?[0-9])}. A pattern {@code ""} in the file admits the empty value.
 */
public final class DataTypes {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])";
    private static final String IPV4 = "(" + OCTET + "\\.){3}" + OCTET;
    private static final String IPV4_PREFIX_LENGTH = "(3[0-2]|[012]?[0-9])";
    private static final String HEX_PAIR = "[0-9A-Fa-f][0-9A-Fa-f]";

    /**
     * {@code Alias}: string(64). TR-181 as used with USP ({@code _AliasUSP}) makes these rules
     * mandatory, and so does TR-069 for a CPE supporting Alias-based Addressing
     * ({@code _AliasCWMP}): the value must not be empty and must start with a letter (ASCII
     * here). Enforced as the pattern {@code [A-Za-z].*}. The rule that agent-assigned values
     * start with {@code cpe-} is the engine's to follow, not a facet.
     */
    public static final ValueType ALIAS =
            ValueType.string().maxLength(64).pattern("[A-Za-z].*").named("Alias");

    /** {@code Dbm1000}: int, in dBm/1000. */
    public static final ValueType DBM1000 = ValueType.int32().named("Dbm1000");

    /** {@code DiagnosticsState}: string, None, Requested, Canceled, Complete, Error. */
    public static final ValueType DIAGNOSTICS_STATE = ValueType.string()
            .enumeration("None", "Requested", "Canceled", "Complete", "Error")
            .named("DiagnosticsState");

    /** {@code IEEE_EUI64}: string(23), empty or eight colon-separated hex pairs. */
    public static final ValueType IEEE_EUI64 = ValueType.string().maxLength(23)
            .pattern("", "(" + HEX_PAIR + ":){7}(" + HEX_PAIR + ")")
            .named("IEEE_EUI64");

    /**
     * {@code IPAddress}: string(45), empty, dotted-decimal IPv4 or an RFC 4291 IPv6 text form
     * without zone identifier (as the file's description requires).
     */
    public static final ValueType IP_ADDRESS = ValueType.string().maxLength(45)
            .syntax(AddressSyntax.IP_ADDRESS).named("IPAddress");

    /** {@code IPv4Address}: IPAddress restricted to string(15), empty or dotted-decimal. */
    public static final ValueType IPV4_ADDRESS = IP_ADDRESS.maxLength(15)
            .pattern("", IPV4).named("IPv4Address");

    /** {@code IPv6Address}: IPAddress restricted to IPv6 (or empty). */
    public static final ValueType IPV6_ADDRESS = IP_ADDRESS
            .syntax(AddressSyntax.IPV6_ADDRESS).named("IPv6Address");

    /**
     * {@code IPPrefix}: string(49), empty, {@code /n}, IPv4 with {@code /0}..{@code /32}, or
     * IPv6 with {@code /0}..{@code /128}.
     */
    public static final ValueType IP_PREFIX = ValueType.string().maxLength(49)
            .syntax(AddressSyntax.IP_PREFIX).named("IPPrefix");

    /** {@code IPv4Prefix}: IPPrefix restricted to string(18), empty, {@code /n} or IPv4/n. */
    public static final ValueType IPV4_PREFIX = IP_PREFIX.maxLength(18)
            .pattern("", "/" + IPV4_PREFIX_LENGTH, IPV4 + "/" + IPV4_PREFIX_LENGTH)
            .named("IPv4Prefix");

    /** {@code IPv6Prefix}: IPPrefix restricted to empty, {@code /n} or IPv6/n (n 0-128). */
    public static final ValueType IPV6_PREFIX = IP_PREFIX
            .syntax(AddressSyntax.IPV6_PREFIX).named("IPv6Prefix");

    /** {@code JSONObject}: string; JSON syntax is not checked. */
    public static final ValueType JSON_OBJECT = ValueType.string().named("JSONObject");

    /** {@code MACAddress}: string(17), empty or six colon-separated hex pairs. */
    public static final ValueType MAC_ADDRESS = ValueType.string().maxLength(17)
            .pattern("", "(" + HEX_PAIR + ":){5}(" + HEX_PAIR + ")")
            .named("MACAddress");

    /** {@code Order}: unsignedInt, at least 1. */
    public static final ValueType ORDER = ValueType.unsignedInt().range(Range.atLeast(1)).named("Order");

    /** {@code PLMNId}: unsignedInt (MCC and MNC digits). */
    public static final ValueType PLMN_ID = ValueType.unsignedInt().named("PLMNId");

    /** {@code StatsCounter32}: unsignedInt; 4294967295 means "no data". */
    public static final ValueType STATS_COUNTER32 = ValueType.unsignedInt().named("StatsCounter32");

    /** {@code StatsCounter64}: unsignedLong; 18446744073709551615 means "no data". */
    public static final ValueType STATS_COUNTER64 = ValueType.unsignedLong().named("StatsCounter64");

    /** {@code UUID}: string of exactly 36 characters, 8-4-4-4-12 hex digits. */
    public static final ValueType UUID = ValueType.string().length(36, 36)
            .pattern("[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}")
            .named("UUID");

    /** {@code URI}: string(2048); URI syntax is not checked. */
    public static final ValueType URI = ValueType.string().maxLength(2048).named("URI");

    /** {@code URN}: URI matching {@code urn:<NID>:<NSS>} (RFC 8141 NID). */
    public static final ValueType URN = URI
            .pattern("urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:.+").named("URN");

    /** {@code URL}: URI; as in the file, no further facet. */
    public static final ValueType URL = URI.named("URL");

    /** {@code ZigBeeNetworkAddress}: string(4), empty or four hex digits. */
    public static final ValueType ZIGBEE_NETWORK_ADDRESS = ValueType.string().maxLength(4)
            .pattern("", "([0-9A-Fa-f]){4}").named("ZigBeeNetworkAddress");

    private static final Map<String, ValueType> BY_NAME = index();

    private DataTypes() {
    }

    private static Map<String, ValueType> index() {
        Map<String, ValueType> m = new LinkedHashMap<>();
        for (ValueType t : new ValueType[] {ALIAS, DBM1000, DIAGNOSTICS_STATE, IEEE_EUI64, IP_ADDRESS,
                IPV4_ADDRESS, IPV6_ADDRESS, IP_PREFIX, IPV4_PREFIX, IPV6_PREFIX, JSON_OBJECT, MAC_ADDRESS,
                ORDER, PLMN_ID, STATS_COUNTER32, STATS_COUNTER64, UUID, URI, URN, URL,
                ZIGBEE_NETWORK_ADDRESS}) {
            m.put(t.name(), t);
        }
        // The protocol-specific Alias variants the TR-181 files import as "Alias".
        m.put("_AliasUSP", ALIAS);
        m.put("_AliasCWMP", ALIAS);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The type a data-model file means by {@code <dataType ref="name"/>}, for the names above
     * (also {@code _AliasUSP} and {@code _AliasCWMP}, both {@link #ALIAS}); empty for a name
     * this class does not define (e.g. the MoCA and IoT types of individual TR-181 files).
     */
    public static Optional<ValueType> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every type by name, in the order of TR-106's file, plus the two Alias variants. */
    public static Map<String, ValueType> all() {
        return BY_NAME;
    }
}
