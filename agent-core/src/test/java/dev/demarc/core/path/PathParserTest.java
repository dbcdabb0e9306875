package dev.demarc.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.path.PathName.Kind;
import dev.demarc.core.path.Segment.Condition;
import dev.demarc.core.path.Segment.Constant;
import dev.demarc.core.path.Segment.Follow;
import dev.demarc.core.path.Segment.Instance;
import dev.demarc.core.path.Segment.Name;
import dev.demarc.core.path.Segment.Search;
import dev.demarc.core.path.Segment.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathParserTest {

    // ---- expected-structure helpers: a String is a Name, an Integer an Instance ----

    private static List<Segment> segs(Object... parts) {
        List<Segment> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.add(new Name(s));
            } else if (p instanceof Integer i) {
                out.add(new Instance(i));
            } else {
                out.add((Segment) p);
            }
        }
        return out;
    }

    private static Wildcard star() {
        return new Wildcard();
    }

    private static Follow follow(int item) {
        return new Follow(item);
    }

    private static Search search(Condition... conditions) {
        return new Search(List.of(conditions));
    }

    /** {@code param} is a dotted relative path; {@code +} marks a follow of item 1. */
    private static Condition cond(String param, Operator op, Constant constant) {
        List<Segment> parameter = new ArrayList<>();
        for (String part : param.split("\\.")) {
            if (part.endsWith("+")) {
                parameter.add(new Name(part.substring(0, part.length() - 1)));
                parameter.add(new Follow(1));
            } else {
                parameter.add(new Name(part));
            }
        }
        return new Condition(parameter, op, constant);
    }

    private static Constant str(String value) {
        return new Constant(value, true);
    }

    private static Constant raw(String value) {
        return new Constant(value, false);
    }

    private static Arguments ok(String text, Kind kind, List<Segment> segments) {
        return arguments(text, kind, segments);
    }

    private static PathName parsed(String text) {
        Result<PathName> r = PathParser.parse(text);
        if (!r.isOk()) {
            fail("expected " + text + " to parse, got " + r.error());
        }
        return r.value();
    }

    private static void assertRejected(Result<PathName> r, ErrorCode code, int position) {
        assertFalse(r.isOk(), () -> "expected a rejection, got " + r.value().segments());
        DmError e = r.error();
        assertEquals(code, e.code(), e::toString);
        assertTrue(e.message().startsWith("position " + position + ": "), () -> "position in " + e);
    }

    // ---- TR-369 "Path Names" section: every example, by structure ----

    static Stream<Arguments> specExamples() {
        return Stream.of(
                // Path Names: unique key addressing and a search in one path
                ok("Device.IP.Interface.[Name==\"eth0\"].IPv4Address.[Status==\"Enabled\"].IPAddress", Kind.PARAMETER,
                        segs("Device", "IP", "Interface", search(cond("Name", Operator.EQ, str("eth0"))),
                                "IPv4Address", search(cond("Status", Operator.EQ, str("Enabled"))), "IPAddress")),
                // Relative Paths: the object path they hang from
                ok("Device.WiFi.Radio.1.", Kind.OBJECT, segs("Device", "WiFi", "Radio", 1)),
                // Addressing by Instance Number (written without the closing dot in the spec)
                ok("Device.IP.Interface.3", Kind.OBJECT, segs("Device", "IP", "Interface", 3)),
                // Addressing by Unique Key
                ok("Device.IP.Interface.[Name==\"eth0\"]", Kind.OBJECT,
                        segs("Device", "IP", "Interface", search(cond("Name", Operator.EQ, str("eth0"))))),
                ok("Device.IP.Interface.[Alias==\"WAN\"]", Kind.OBJECT,
                        segs("Device", "IP", "Interface", search(cond("Alias", Operator.EQ, str("WAN"))))),
                ok("Device.NAT.PortMapping.[RemoteHost==\"\"&&ExternalPort==0&&Protocol==\"TCP\"].", Kind.OBJECT,
                        segs("Device", "NAT", "PortMapping", search(
                                cond("RemoteHost", Operator.EQ, str("")),
                                cond("ExternalPort", Operator.EQ, raw("0")),
                                cond("Protocol", Operator.EQ, str("TCP"))))),
                // Searching with Expressions: whitespace example
                ok("Device.IP.Interface.[Type == \"Normal\"].Status", Kind.PARAMETER,
                        segs("Device", "IP", "Interface", search(cond("Type", Operator.EQ, str("Normal"))), "Status")),
                // Valid Searches
                ok("Device.IP.Interface.[Type==\"Normal\"].Status", Kind.PARAMETER,
                        segs("Device", "IP", "Interface", search(cond("Type", Operator.EQ, str("Normal"))), "Status")),
                ok("Device.IP.Interface.[Type==\"Normal\"].IPv4Address.[AddressingType==\"Static\"].IPAddress",
                        Kind.PARAMETER,
                        segs("Device", "IP", "Interface", search(cond("Type", Operator.EQ, str("Normal"))),
                                "IPv4Address", search(cond("AddressingType", Operator.EQ, str("Static"))),
                                "IPAddress")),
                ok("Device.IP.Interface.[Type==\"Normal\"&&Stats.ErrorsSent>0].IPv4Address.[AddressingType==\"Static\"].IPAddress",
                        Kind.PARAMETER,
                        segs("Device", "IP", "Interface", search(cond("Type", Operator.EQ, str("Normal")),
                                        cond("Stats.ErrorsSent", Operator.GT, raw("0"))),
                                "IPv4Address", search(cond("AddressingType", Operator.EQ, str("Static"))),
                                "IPAddress")),
                ok("Device.DSL.Line.[Enable==true].CurrentProfile", Kind.PARAMETER,
                        segs("Device", "DSL", "Line", search(cond("Enable", Operator.EQ, raw("true"))), "CurrentProfile")),
                ok("Device.DSL.Line.[Enable==1].CurrentProfile", Kind.PARAMETER,
                        segs("Device", "DSL", "Line", search(cond("Enable", Operator.EQ, raw("1"))), "CurrentProfile")),
                ok("Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z].IPAddress", Kind.PARAMETER,
                        segs("Device", "IP", "Interface", star(), "IPv6Address",
                                search(cond("ValidLifetime", Operator.LT, raw("2021-06-06T08:00:00Z"))), "IPAddress")),
                ok("Device.USB.USBHosts.Host.*.Device.[DeviceClass==08].", Kind.OBJECT,
                        segs("Device", "USB", "USBHosts", "Host", star(), "Device",
                                search(cond("DeviceClass", Operator.EQ, raw("08"))))),
                ok("Device.PCP.Client.*.Server.[Capabilities~=\"IPv6Firewall\"].", Kind.OBJECT,
                        segs("Device", "PCP", "Client", star(), "Server",
                                search(cond("Capabilities", Operator.CONTAINS, str("IPv6Firewall"))))),
                ok("Device.PeriodicStatistics.SampleSet.[SampleSeconds~=5].", Kind.OBJECT,
                        segs("Device", "PeriodicStatistics", "SampleSet",
                                search(cond("SampleSeconds", Operator.CONTAINS, raw("5"))))),
                // Searching by Wildcard
                ok("Device.IP.Interface.*.", Kind.OBJECT, segs("Device", "IP", "Interface", star())),
                ok("Device.IP.Interface.*.Type", Kind.PARAMETER, segs("Device", "IP", "Interface", star(), "Type")),
                // Reference Following
                ok("Device.NAT.PortMapping.1.Interface+.Name", Kind.PARAMETER,
                        segs("Device", "NAT", "PortMapping", 1, "Interface", follow(1), "Name")),
                ok("Device.IP.Interface.1", Kind.OBJECT, segs("Device", "IP", "Interface", 1)),
                ok("Device.IP.Interface.1.Name", Kind.PARAMETER, segs("Device", "IP", "Interface", 1, "Name")),
                ok("Object.FooObject.5", Kind.OBJECT, segs("Object", "FooObject", 5)),
                ok("Object.FooObject.[KeyParam==\"KeyValueForInstance5\"]", Kind.OBJECT,
                        segs("Object", "FooObject", search(cond("KeyParam", Operator.EQ, str("KeyValueForInstance5"))))),
                // List of References
                ok("Device.WiFi.SSID.1.LowerLayers#1+.Name", Kind.PARAMETER,
                        segs("Device", "WiFi", "SSID", 1, "LowerLayers", follow(1), "Name")),
                ok("Device.WiFi.Radio.1.Name", Kind.PARAMETER, segs("Device", "WiFi", "Radio", 1, "Name")),
                // Search Expressions and Reference Following
                ok("Device.WiFi.AccessPoint.[SSIDReference+.SSID==\"MyHome\"].AssociatedDevice.[OperatingStandard==\"ac\"].SignalStrength",
                        Kind.PARAMETER,
                        segs("Device", "WiFi", "AccessPoint", search(cond("SSIDReference+.SSID", Operator.EQ, str("MyHome"))),
                                "AssociatedDevice", search(cond("OperatingStandard", Operator.EQ, str("ac"))),
                                "SignalStrength")),
                // Operations and Command Path Names; Event Path Names
                ok("Device.IP.Interface.[Name==\"eth0\"].Reset()", Kind.COMMAND,
                        segs("Device", "IP", "Interface", search(cond("Name", Operator.EQ, str("eth0"))), "Reset")),
                ok("Device.Boot!", Kind.EVENT, segs("Device", "Boot")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specExamples")
    void spec_example_parses_to_its_segments(String text, Kind kind, List<Segment> expected) {
        PathName p = parsed(text);
        assertEquals(expected, p.segments());
        assertEquals(kind, p.kind());
        assertEquals(text, p.text());
    }

    /** Not a syntax error: the engine rejects it because Enable is a boolean, not a string. */
    @Test
    void quoted_true_for_a_boolean_is_left_to_the_type_check() {
        PathName p = parsed("Device.DSL.Line.[Enable==\"true\"].CurrentProfile");
        Search s = (Search) p.segments().get(3);
        assertEquals(str("true"), s.conditions().get(0).constant());
    }

    // ---- further valid forms ----

    static Stream<Arguments> otherValidPaths() {
        return Stream.of(
                ok("Device.", Kind.OBJECT, segs("Device")),
                ok("Device.DeviceInfo.", Kind.OBJECT, segs("Device", "DeviceInfo")),
                ok("Device.DeviceInfo.SoftwareVersion", Kind.PARAMETER, segs("Device", "DeviceInfo", "SoftwareVersion")),
                ok("Device.Reboot()", Kind.COMMAND, segs("Device", "Reboot")),
                ok("Device.LocalAgent.Controller.2.ScheduleTimer()", Kind.COMMAND,
                        segs("Device", "LocalAgent", "Controller", 2, "ScheduleTimer")),
                ok("Device.LocalAgent.Subscription.*.Enable", Kind.PARAMETER,
                        segs("Device", "LocalAgent", "Subscription", star(), "Enable")),
                ok("Device.WiFi.SSID.1.LowerLayers#*+.Name", Kind.PARAMETER,
                        segs("Device", "WiFi", "SSID", 1, "LowerLayers", follow(Follow.ALL_ITEMS), "Name")),
                ok("Device.WiFi.SSID.1.LowerLayers#2+.Name", Kind.PARAMETER,
                        segs("Device", "WiFi", "SSID", 1, "LowerLayers", follow(2), "Name")),
                ok("Device.NAT.PortMapping.1.Interface+.", Kind.OBJECT,
                        segs("Device", "NAT", "PortMapping", 1, "Interface", follow(1))),
                ok("Device.NAT.PortMapping.1.Interface+.IPv4Address.2.IPAddress", Kind.PARAMETER,
                        segs("Device", "NAT", "PortMapping", 1, "Interface", follow(1), "IPv4Address", 2, "IPAddress")),
                ok("Device.A.1.B+.C#3+.D", Kind.PARAMETER,
                        segs("Device", "A", 1, "B", follow(1), "C", follow(3), "D")),
                ok("Device.X.[A!=-5&&B<=+7&&C>=1.5&&D<x_y:z]._Under_1", Kind.PARAMETER,
                        segs("Device", "X", search(cond("A", Operator.NE, raw("-5")), cond("B", Operator.LE, raw("+7")),
                                cond("C", Operator.GE, raw("1.5")), cond("D", Operator.LT, raw("x_y:z"))), "_Under_1")),
                ok("Device.X.[R#*+.N==\"v\"&&S#2+.T.U!=\"w\"].", Kind.OBJECT,
                        segs("Device", "X", search(
                                new Condition(segs("R", follow(Follow.ALL_ITEMS), "N"), Operator.EQ, str("v")),
                                new Condition(segs("S", follow(2), "T", "U"), Operator.NE, str("w"))))),
                ok("Device.WiFi.SSID.[SSID==\"Caf\u00e9 \ud83d\ude00 [x] && y\"].Enable", Kind.PARAMETER,
                        segs("Device", "WiFi", "SSID",
                                search(cond("SSID", Operator.EQ, str("Caf\u00e9 \ud83d\ude00 [x] && y"))), "Enable")),
                ok("Device.Interface.2147483647.", Kind.OBJECT, segs("Device", "Interface", Integer.MAX_VALUE)),
                ok("Stats.BytesSent", Kind.PARAMETER, segs("Stats", "BytesSent")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherValidPaths")
    void valid_path_parses_to_its_segments(String text, Kind kind, List<Segment> expected) {
        PathName p = parsed(text);
        assertEquals(expected, p.segments());
        assertEquals(kind, p.kind());
    }

    // ---- rejections: 7008 at the position where the text goes wrong ----

    static Stream<Arguments> invalidPaths() {
        return Stream.of(
                // TR-369 "Searches that are NOT VALID"
                bad("Device.IP.Interface.[].", 21, "empty search expression"),
                bad("Device.IP.Interface.[Type==\"Normal\"&&IPv4Address.*.AddressingType==\"Static\"].Status", 49,
                        "may not descend through an instance identifier"),
                bad("Device.IP.Interface.{Type==\"Normal\"}.Status", 20, "curly brackets"),
                // supported-model placeholder in an instantiated path
                bad("Device.IP.Interface.{i}.Status", 20, "'{i}' is valid only in a supported data model path"),
                // instance numbers
                bad("Device.IP.Interface.0.", 20, "instance number 0"),
                bad("Device.IP.Interface.01.", 20, "leading zero"),
                bad("Device.IP.Interface.2147483648.", 20, "larger than"),
                bad("Device.IP.Interface.1.2.", 22, "not another instance identifier"),
                bad("Device.1.", 7, "may not follow the first name"),
                bad("Device.*.", 7, "may not follow the first name"),
                bad("Device.IP.Interface.3a.", 21, "expected '.' after the instance identifier"),
                // names and dots
                bad("", 0, "empty path"),
                bad("Device", 6, "expected '.' after 'Device'"),
                bad("device", 6, "expected '.'"),
                bad(".Device.", 0, "must start with a name"),
                bad("1Device.", 0, "must start with a name"),
                bad("Device..X", 7, "empty name"),
                bad("Device.IP..", 10, "empty name"),
                bad("Device.IP.Interface.[Stats.==1]", 27, "expected a parameter name after '.'"),
                bad("Device.IP-X.", 9, "expected '.'"),
                // trailing garbage, brackets, quotes
                bad("Device.IP.Interface.1.Name]", 26, "found ']'"),
                bad("Device.IP.Interface.[Name==\"eth0\"", 33, "unterminated search expression"),
                bad("Device.IP.Interface.[Name==\"eth0].", 34, "unterminated string"),
                bad("Device.IP.Interface.[Name==\"eth0\"]]", 34, "expected '.'"),
                bad("Device.IP.Interface.Name==\"eth0\"].", 24, "found '='"),
                bad("Device.IP.Interface.[Name==\"eth0\"&&].", 35, "expected a parameter name"),
                bad("Device.IP.Interface.[Name==\"eth0\"&Alias==\"x\"].", 33, "expected '&&' or ']'"),
                bad("Device.IP.Interface.[Name=\"eth0\"].", 25, "expected an operator"),
                bad("Device.IP.Interface.[Name].", 25, "expected an operator"),
                bad("Device.IP.Interface.[Name==].", 27, "expected a constant"),
                bad("Device.IP.Interface.[Name==eth 0].", 30, "expected '&&' or ']'"),
                bad("Device.IP.Interface.[*==1].", 21, "expected a parameter name"),
                bad("Device.IP.Interface.[Ref+==1].", 25, "after reference following"),
                // commands and events
                bad("Device.Reboot().", 15, "'()' must end the path"),
                bad("Device.Boot!.X", 12, "'!' must end the path"),
                bad("Device.Reboot(", 14, "expected ')'"),
                bad("Device.Reboot(x)", 14, "expected ')'"),
                bad("Device.()", 7, "expected a name"),
                bad("Device.IP.Interface.1!", 21, "expected '.'"),
                bad("Device!", 6, "expected '.' after 'Device'"),
                // reference following
                bad("Device.NAT.PortMapping.1.Interface+", 35, "expected '.' after reference following"),
                bad("Device.NAT.PortMapping.1.Interface+Name", 35, "expected '.' after reference following"),
                bad("Device.X.R#+.N", 11, "expected a list item number"),
                bad("Device.X.R#0+.N", 11, "list item number 0"),
                bad("Device.X.R#1.N", 12, "expected '+'"),
                bad("Device.X.R+.1.", 12, "may not follow a reference"),
                bad("Device+.X", 6, "not valid on the first name"),
                // whitespace outside an operator's sides, non-ASCII, control characters
                bad(" Device.", 0, "must start with a name"),
                bad("Device. IP.", 7, "whitespace"),
                bad("Device.IP ", 9, "whitespace"),
                bad("Device.IP.Interface.[ Name==\"eth0\"].", 21, "whitespace"),
                bad("Device.IP.Interface.[Name==\"eth0\" ].", 33, "whitespace"),
                bad("Device.IP.Interface.[A==1 && B==2].", 25, "whitespace"),
                bad("Device.Caf\u00e9.", 10, "non-ASCII character U+00E9"),
                bad("Device.IP\u00a0.", 9, "non-ASCII"),
                bad("Device.IP.Interface.[Name==\"a\tb\"].", 29, "control character U+0009"),
                bad("Device.X.[N==\"\ud800\"].", 14, "unpaired surrogate"),
                // percent-escapes
                bad("Device.X.[N==\"%2\"].", 14, "percent-escape"),
                bad("Device.X.[N==\"%41\"].", 14, "percent-escape"),
                bad("Device.X.[N==\"100%\"].", 17, "percent-escape"));
    }

    private static Arguments bad(String text, int position, String reasonPart) {
        return arguments(named(text.isEmpty() ? "<empty>" : text, text), position, reasonPart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPaths")
    void malformed_path_fails_with_7008_at_its_position(String text, int position, String reasonPart) {
        Result<PathName> r = PathParser.parse(text);
        assertRejected(r, ErrorCode.INVALID_PATH_SYNTAX, position);
        assertTrue(r.error().message().contains(reasonPart), () -> "reason in " + r.error());
        assertEquals(text, r.error().path());
    }

    @Test
    void null_is_an_error_not_an_exception() {
        assertRejected(PathParser.parse(null), ErrorCode.INVALID_PATH_SYNTAX, 0);
        assertRejected(PathParser.parseSupported(null), ErrorCode.INVALID_PATH_SYNTAX, 0);
        assertEquals("", PathParser.parse(null).error().path());
    }

    @Test
    void rejection_position_is_available_as_a_field() {
        PathParser.Outcome o = PathParser.analyze("Device.IP.Interface.[Stats.==1]", PathParser.Limits.DEFAULT);
        PathParser.Outcome.Rejected rejected = assertInstanceOf(PathParser.Outcome.Rejected.class, o);
        assertEquals(27, rejected.error().position());
        assertEquals(ErrorCode.INVALID_PATH_SYNTAX, rejected.error().code());
        assertEquals("position 27: " + rejected.error().reason(), o.toResult().error().message());

        PathParser.Outcome good = PathParser.analyze("Device.Boot!", PathParser.Limits.DEFAULT);
        assertEquals(Kind.EVENT, assertInstanceOf(PathParser.Outcome.Parsed.class, good).path().kind());
    }

    @Test
    void long_rejected_path_is_echoed_cut() {
        String text = "Device." + "A".repeat(300) + ".]";
        DmError e = PathParser.parse(text).error();
        assertEquals(PathParseError.MAX_ECHOED_PATH + 3, e.path().length());
        assertTrue(e.path().endsWith("..."));
        assertTrue(e.message().startsWith("position " + (text.length() - 1) + ": "));
    }

    // ---- whitespace around operators (R-ARC.9a) ----

    @ParameterizedTest
    @ValueSource(strings = {
        "Device.IP.Interface.[Type==\"Normal\"].Status",
        "Device.IP.Interface.[Type ==\"Normal\"].Status",
        "Device.IP.Interface.[Type== \"Normal\"].Status",
        "Device.IP.Interface.[Type  \t==\t  \"Normal\"].Status",
    })
    void blanks_on_either_side_of_an_operator_are_tolerated(String text) {
        PathName p = parsed(text);
        assertEquals(segs("Device", "IP", "Interface", search(cond("Type", Operator.EQ, str("Normal"))), "Status"),
                p.segments());
    }

    @Test
    void blanks_around_each_operator_of_a_compound_expression() {
        PathName p = parsed("Device.X.[A >= 1&&B.C != \"x\"&&D ~= 5&&E < 2&&F > 3&&G <= 4].");
        Search s = (Search) p.segments().get(2);
        assertEquals(List.of(Operator.GE, Operator.NE, Operator.CONTAINS, Operator.LT, Operator.GT, Operator.LE),
                s.conditions().stream().map(Condition::operator).toList());
    }

    // ---- percent-escapes ----

    static Stream<Arguments> percentEscapes() {
        return Stream.of(
                arguments("\"say %22hi%22\"", "say \"hi\""),
                arguments("\"100%25\"", "100%"),
                arguments("\"%2522\"", "%22"),
                arguments("\"%22%22\"", "\"\""),
                arguments("\"\"", ""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("percentEscapes")
    void percent_escapes_in_a_string_are_decoded(String literal, String value) {
        PathName p = parsed("Device.X.[N==" + literal + "].");
        Condition c = ((Search) p.segments().get(2)).conditions().get(0);
        assertEquals(str(value), c.constant());
    }

    @Test
    void percent_outside_a_quoted_string_is_not_a_constant() {
        assertRejected(PathParser.parse("Device.X.[N==%22].") , ErrorCode.INVALID_PATH_SYNTAX, 13);
    }

    // ---- limits: 7005 naming the limit ----

    @Test
    void path_longer_than_max_length_fails_with_7005() {
        PathParser.Limits limits = PathParser.Limits.DEFAULT.withMaxLength(20);
        assertTrue(PathParser.parse("Device.DeviceInfo.Ab", limits).isOk());
        Result<PathName> r = PathParser.parse("Device.DeviceInfo.Abc", limits);
        assertRejected(r, ErrorCode.RESOURCES_EXCEEDED, 20);
        assertTrue(r.error().message().contains("maxLength"));
    }

    @Test
    void default_max_length_is_4096() {
        String ok = "Device." + "x".repeat(4096 - 7);
        assertTrue(PathParser.parse(ok).isOk());
        Result<PathName> r = PathParser.parse(ok + "x");
        assertRejected(r, ErrorCode.RESOURCES_EXCEEDED, 4096);
    }

    @Test
    void too_many_segments_fails_with_7005() {
        PathParser.Limits limits = PathParser.Limits.DEFAULT.withMaxSegments(4);
        assertTrue(PathParser.parse("Device.A.1.B", limits).isOk());
        Result<PathName> r = PathParser.parse("Device.A.1.B.C", limits);
        assertRejected(r, ErrorCode.RESOURCES_EXCEEDED, 13);
        assertTrue(r.error().message().contains("maxSegments"));
        assertRejected(PathParser.parse("Device.A.1.B+.C", limits), ErrorCode.RESOURCES_EXCEEDED, 12);
        assertRejected(PathParser.parse("Device.X.[A.B.C.D.E==1].", limits), ErrorCode.RESOURCES_EXCEEDED, 18);
        assertRejected(PathParser.parseSupported("Device.A.{i}.B.C", limits), ErrorCode.RESOURCES_EXCEEDED, 15);
    }

    @Test
    void default_max_segments_is_64() {
        String sixtyFour = "Device" + ".A".repeat(63);
        assertEquals(64, parsed(sixtyFour).segments().size());
        assertRejected(PathParser.parse(sixtyFour + ".B"), ErrorCode.RESOURCES_EXCEEDED, sixtyFour.length() + 1);
    }

    @Test
    void too_many_conditions_fails_with_7005() {
        PathParser.Limits limits = PathParser.Limits.DEFAULT.withMaxConditions(2);
        assertTrue(PathParser.parse("Device.X.[A==1&&B==2].", limits).isOk());
        Result<PathName> r = PathParser.parse("Device.X.[A==1&&B==2&&C==3].", limits);
        assertRejected(r, ErrorCode.RESOURCES_EXCEEDED, 22);
        assertTrue(r.error().message().contains("maxConditions"));
    }

    @Test
    void default_max_conditions_is_16() {
        String sixteen = "Device.X.[" + "A==1&&".repeat(15) + "A==1].";
        assertTrue(PathParser.parse(sixteen).isOk());
        String seventeen = "Device.X.[" + "A==1&&".repeat(16) + "A==1].";
        assertRejected(PathParser.parse(seventeen), ErrorCode.RESOURCES_EXCEEDED, 10 + 16 * 6);
    }

    @Test
    void constant_longer_than_the_limit_fails_with_7005() {
        PathParser.Limits limits = PathParser.Limits.DEFAULT.withMaxConstantLength(4);
        assertTrue(PathParser.parse("Device.X.[N==\"abcd\"&&M==1234].", limits).isOk());
        Result<PathName> quoted = PathParser.parse("Device.X.[N==\"abcde\"].", limits);
        assertRejected(quoted, ErrorCode.RESOURCES_EXCEEDED, 14);
        assertTrue(quoted.error().message().contains("maxConstantLength"));
        assertRejected(PathParser.parse("Device.X.[N==12345].", limits), ErrorCode.RESOURCES_EXCEEDED, 13);
    }

    @Test
    void default_max_constant_length_is_1024() {
        assertTrue(PathParser.parse("Device.X.[N==\"" + "a".repeat(1024) + "\"].").isOk());
        assertRejected(PathParser.parse("Device.X.[N==\"" + "a".repeat(1025) + "\"]."),
                ErrorCode.RESOURCES_EXCEEDED, 14);
    }

    @Test
    void limits_must_be_positive() {
        assertThrows(IllegalArgumentException.class, () -> new PathParser.Limits(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PathParser.Limits.DEFAULT.withMaxSegments(-1));
        assertEquals(new PathParser.Limits(4096, 64, 16, 1024), PathParser.Limits.DEFAULT);
    }

    // ---- supported data model paths ----

    static Stream<Arguments> supportedPaths() {
        return Stream.of(
                ok("Device.", Kind.OBJECT, segs("Device")),
                ok("Device.IP.Interface.{i}.", Kind.OBJECT, segs("Device", "IP", "Interface", star())),
                ok("Device.IP.Interface.", Kind.OBJECT, segs("Device", "IP", "Interface")),
                ok("Device.NAT.PortMapping.{i}.Interface", Kind.PARAMETER,
                        segs("Device", "NAT", "PortMapping", star(), "Interface")),
                ok("Device.WiFi.SSID.{i}.LowerLayers", Kind.PARAMETER, segs("Device", "WiFi", "SSID", star(), "LowerLayers")),
                ok("Device.WiFi.Radio.{i}.", Kind.OBJECT, segs("Device", "WiFi", "Radio", star())),
                ok("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress", Kind.PARAMETER,
                        segs("Device", "IP", "Interface", star(), "IPv4Address", star(), "IPAddress")),
                ok("Device.IP.Interface.2.IPv4Address.{i}.", Kind.OBJECT,
                        segs("Device", "IP", "Interface", 2, "IPv4Address", star())),
                ok("Device.IP.Interface.{i}.Reset()", Kind.COMMAND, segs("Device", "IP", "Interface", star(), "Reset")),
                ok("Device.Boot!", Kind.EVENT, segs("Device", "Boot")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedPaths")
    void supported_path_parses_to_its_segments(String text, Kind kind, List<Segment> expected) {
        Result<PathName> r = PathParser.parseSupported(text);
        assertTrue(r.isOk(), () -> r.error().toString());
        assertEquals(expected, r.value().segments());
        assertEquals(kind, r.value().kind());
        assertEquals(text, PathParser.renderSupported(r.value()));
    }

    static Stream<Arguments> invalidSupportedPaths() {
        return Stream.of(
                bad("Device.IP.Interface.*.", 20, "'*' is not valid in a supported data model path"),
                bad("Device.IP.Interface.[Name==\"x\"].", 20, "search expression is not valid"),
                bad("Device.IP.Interface.{i}", 23, "expected '.' after the instance identifier"),
                bad("Device.IP.Interface.{j}.", 20, "expected '{i}'"),
                bad("Device.IP.Interface.{i}.{i}.", 24, "not another instance identifier"),
                bad("Device.{i}.", 7, "may not follow the first name"),
                bad("Device.IP.Interface.0.", 20, "instance number 0"),
                bad("Device.NAT.PortMapping.{i}.Interface+.Name", 36, "reference following is not valid"),
                bad("Device.Reboot().", 15, "'()' must end the path"),
                bad("Device", 6, "expected '.'"),
                bad("Device..", 7, "empty name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSupportedPaths")
    void malformed_supported_path_fails_with_7008(String text, int position, String reasonPart) {
        Result<PathName> r = PathParser.parseSupported(text);
        assertRejected(r, ErrorCode.INVALID_PATH_SYNTAX, position);
        assertTrue(r.error().message().contains(reasonPart), () -> "reason in " + r.error());
    }

    // ---- rendering round-trips ----

    static Stream<String> roundTripPaths() {
        return Stream.concat(specExamples(), otherValidPaths()).map(a -> (String) a.get()[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTripPaths")
    void render_round_trips(String text) {
        PathName p = parsed(text);
        String canonical = PathParser.render(p);
        PathName again = parsed(canonical);
        assertEquals(p.segments(), again.segments());
        assertEquals(p.kind(), again.kind());
        assertEquals(canonical, PathParser.render(again));
    }

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                arguments("Device.IP.Interface.[Type == \"Normal\"].Status", "Device.IP.Interface.[Type==\"Normal\"].Status"),
                arguments("Device.WiFi.SSID.1.LowerLayers#1+.Name", "Device.WiFi.SSID.1.LowerLayers+.Name"),
                arguments("Device.WiFi.SSID.1.LowerLayers#*+.Name", "Device.WiFi.SSID.1.LowerLayers#*+.Name"),
                arguments("Device.X.[A#3+.B==\"%22q%22 100%25\"].", "Device.X.[A#3+.B==\"%22q%22 100%25\"]."),
                arguments("Device.IP.Interface.3", "Device.IP.Interface.3."),
                arguments("Device.NAT.PortMapping.1.Interface+.", "Device.NAT.PortMapping.1.Interface+."),
                arguments("Device.IP.Interface.[Name==\"eth0\"].Reset()", "Device.IP.Interface.[Name==\"eth0\"].Reset()"),
                arguments("Device.Boot!", "Device.Boot!"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalForms")
    void render_gives_the_canonical_text(String text, String canonical) {
        assertEquals(canonical, PathParser.render(parsed(text)));
    }

    // ---- totality ----

    @Test
    void random_strings_never_throw() {
        String alphabet = "Device.[]*\"=!<>&#+(){}0123 aZ%~\u00e9";
        Random random = new Random(0x369L);
        int parsedCount = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "Device." : "");
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            Result<PathName> r = assertNoThrow(() -> PathParser.parse(text), text);
            Result<PathName> s = assertNoThrow(() -> PathParser.parseSupported(text), text);
            for (Result<PathName> x : List.of(r, s)) {
                if (x.isOk()) {
                    parsedCount++;
                } else {
                    ErrorCode code = x.error().code();
                    assertTrue(code == ErrorCode.INVALID_PATH_SYNTAX || code == ErrorCode.RESOURCES_EXCEEDED, text);
                    assertTrue(x.error().message().startsWith("position "), text);
                }
            }
            if (r.isOk()) {
                assertEquals(r.value().segments(), parsed(PathParser.render(r.value())).segments(), text);
            }
        }
        assertTrue(parsedCount > 0, "the generator should hit some valid paths");
    }

    @Test
    void random_mutations_of_valid_paths_never_throw() {
        List<String> seeds = roundTripPaths().toList();
        String alphabet = "Device.[]*\"=!<>&#+(){}0123 aZ";
        Random random = new Random(42L);
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            Result<PathName> r = assertNoThrow(() -> PathParser.parse(text), text);
            assertNoThrow(() -> PathParser.parseSupported(text), text);
            if (r.isOk()) {
                assertEquals(r.value().segments(), parsed(PathParser.render(r.value())).segments(), text);
            }
        }
    }

    private interface Parse {
        Result<PathName> run();
    }

    private static Result<PathName> assertNoThrow(Parse parse, String text) {
        try {
            return parse.run();
        } catch (RuntimeException e) {
            throw new AssertionError("parser threw on " + text, e);
        }
    }
}
