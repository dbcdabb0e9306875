package dev.demarc.core.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FactoryDefaultsTest {

    private static final String FILE = "defaults.conf";

    private static List<Assignment> ok(String content) {
        Result<List<Assignment>> r = FactoryDefaults.parse(FILE, content);
        assertTrue(r.isOk(), () -> "expected success, got " + r.error());
        return r.value();
    }

    private static DmError err(String content) {
        Result<List<Assignment>> r = FactoryDefaults.parse(FILE, content);
        assertFalse(r.isOk(), () -> "expected an error, got " + r.value());
        assertEquals(ErrorCode.INVALID_CONFIGURATION, r.error().code());
        return r.error();
    }

    // ----- one good line: path and value as parsed

    static Stream<Arguments> goodLines() {
        return Stream.of(
                Arguments.of("Device.A.B = x", "Device.A.B", "x"),
                Arguments.of("Device.A.B=x", "Device.A.B", "x"),
                Arguments.of("  Device.A.B   =   hello world  ", "Device.A.B", "hello world"),
                Arguments.of("\tDevice.A.B\t=\tv\t", "Device.A.B", "v"),
                Arguments.of("Device.LocalAgent.Controller.1.EndpointID = proto::acs.example.com",
                        "Device.LocalAgent.Controller.1.EndpointID", "proto::acs.example.com"),
                Arguments.of("Device.X_ACME_Foo.12.Bar_9 = 1", "Device.X_ACME_Foo.12.Bar_9", "1"),
                Arguments.of("_private.x = 1", "_private.x", "1"),
                Arguments.of("Device.A.2147483647.B = max instance", "Device.A.2147483647.B", "max instance"),
                // quoted
                Arguments.of("Device.A.B = \"\"", "Device.A.B", ""),
                Arguments.of("Device.A.B = \"  padded  \"", "Device.A.B", "  padded  "),
                Arguments.of("Device.A.B = \"say \\\"hi\\\"\"", "Device.A.B", "say \"hi\""),
                Arguments.of("Device.A.B = \"back\\\\slash\"", "Device.A.B", "back\\slash"),
                Arguments.of("Device.A.B = \"# = kept\"", "Device.A.B", "# = kept"),
                Arguments.of("Device.A.B = \"tab\there\"", "Device.A.B", "tab\there"),
                Arguments.of("Device.A.B = \"done\"   \t", "Device.A.B", "done"),
                // unquoted values are literal
                Arguments.of("Device.A.B = a \"quoted\" word", "Device.A.B", "a \"quoted\" word"),
                Arguments.of("Device.A.B = C:\\dir\\n", "Device.A.B", "C:\\dir\\n"),
                Arguments.of("Device.A.B = x = y", "Device.A.B", "x = y"),
                Arguments.of("Device.A.B = # not a comment", "Device.A.B", "# not a comment"),
                Arguments.of("Device.A.B = ends with quote\"", "Device.A.B", "ends with quote\""),
                Arguments.of("Device.A.B = Grüße 日本 \uD83D\uDE80", "Device.A.B", "Grüße 日本 \uD83D\uDE80"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodLines")
    void good_line_gives_path_and_value(String line, String path, String value) {
        assertEquals(List.of(new Assignment(path, value, 1)), ok(line));
        assertEquals(List.of(new Assignment(path, value, 1)), ok(line + "\n"));
        assertEquals(List.of(new Assignment(path, value, 1)), ok(line + "\r\n"));
    }

    // ----- one bad line: the whole message, file and line included

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("Device.A.B", "missing '=' (expected <path> = <value>)"),
                Arguments.of("= x", "empty parameter path before '='"),
                Arguments.of("  \t= x", "empty parameter path before '='"),
                Arguments.of("Device.A.B =", "empty value (write \"\" for an empty string)"),
                Arguments.of("Device.A.B =   \t", "empty value (write \"\" for an empty string)"),
                Arguments.of("Device.A.B = \"abc", "unterminated quoted value (missing closing '\"')"),
                Arguments.of("Device.A.B = \"abc\\\"", "unterminated quoted value (missing closing '\"')"),
                Arguments.of("Device.A.B = \"abc\\", "unterminated quoted value (missing closing '\"')"),
                Arguments.of("Device.A.B = \"abc\" def", "text after the closing quote: ' def'"),
                Arguments.of("Device.A.B = \"abc\" # comment", "text after the closing quote: ' # comment'"),
                Arguments.of("Device.A.B = \"a\\nb\"",
                        "unknown escape '\\n' in a quoted value (only \\\" and \\\\ are allowed)"),
                Arguments.of("Device.A.B = a\u0001b", "control character U+0001 at column 15 (only tab is allowed)"),
                Arguments.of("Device.A.B = a\rb", "control character U+000D at column 15 (only tab is allowed)"),
                Arguments.of("Device.A.B = \uD800", "unpaired surrogate U+D800 at column 14"),
                Arguments.of("Device.A. = 1",
                        "'Device.A.' is not a parameter path: it ends with '.', naming an object; assign parameters only"),
                Arguments.of("Device.*.B = 1", "'Device.*.B' is not a parameter path: wildcards ('*') are not allowed"),
                Arguments.of("Device.A.[Alias>1].B = 1",
                        "'Device.A.[Alias>1].B' is not a parameter path: search expressions ('[...]') are not allowed"),
                Arguments.of("Device.A.{i}.B = 1",
                        "'Device.A.{i}.B' is not a parameter path: '{i}' is not allowed; use instance numbers"),
                Arguments.of("Device.A.Ref+.B = 1",
                        "'Device.A.Ref+.B' is not a parameter path: reference following ('+', '#') is not allowed"),
                Arguments.of("Device.A.Ref#1+.B = 1",
                        "'Device.A.Ref#1+.B' is not a parameter path: reference following ('+', '#') is not allowed"),
                Arguments.of("Device.Reboot() = 1",
                        "'Device.Reboot()' is not a parameter path: commands ('()') are not allowed"),
                Arguments.of("Device.Boot! = 1", "'Device.Boot!' is not a parameter path: events ('!') are not allowed"),
                Arguments.of("Device.A B.C = 1", "'Device.A B.C' is not a parameter path: it contains whitespace"),
                Arguments.of("Device = 1",
                        "'Device' is not a parameter path: it needs an object and a parameter name, as in Device.Name"),
                Arguments.of("Device..B = 1", "'Device..B' is not a parameter path: segment 2 is empty"),
                Arguments.of(".Device.B = 1", "'.Device.B' is not a parameter path: segment 1 is empty"),
                Arguments.of("1.Device.B = 1", "'1.Device.B' is not a parameter path: it must start with an object name"),
                Arguments.of("Device.A.1 = 1", "'Device.A.1' is not a parameter path: it ends with an instance number,"
                        + " naming an object; assign parameters only"),
                Arguments.of("Device.A.0.B = 1", "'Device.A.0.B' is not a parameter path: segment 3 '0' is neither a"
                        + " name ([A-Za-z_][A-Za-z0-9_]*) nor an instance number (1 to 2147483647, no leading zeros)"),
                Arguments.of("Device.A.01.B = 1", "'Device.A.01.B' is not a parameter path: segment 3 '01' is neither a"
                        + " name ([A-Za-z_][A-Za-z0-9_]*) nor an instance number (1 to 2147483647, no leading zeros)"),
                Arguments.of("Device.A.2147483648.B = 1", "'Device.A.2147483648.B' is not a parameter path: segment 3"
                        + " '2147483648' is neither a name ([A-Za-z_][A-Za-z0-9_]*) nor an instance number"
                        + " (1 to 2147483647, no leading zeros)"),
                Arguments.of("Device.X-Y.Z = 1", "'Device.X-Y.Z' is not a parameter path: segment 2 'X-Y' is neither a"
                        + " name ([A-Za-z_][A-Za-z0-9_]*) nor an instance number (1 to 2147483647, no leading zeros)"),
                Arguments.of("Device.Ä.B = 1", "'Device.Ä.B' is not a parameter path: segment 2 'Ä' is neither a"
                        + " name ([A-Za-z_][A-Za-z0-9_]*) nor an instance number (1 to 2147483647, no leading zeros)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void bad_line_is_an_invalid_configuration_error_naming_file_and_line(String line, String reason) {
        assertEquals(FILE + ":1: " + reason, err(line).message());
        assertEquals(FILE + ":3: " + reason, err("# header\n\n" + line + "\nDevice.Z.Y = 1\n").message());
    }

    // ----- whole files

    @Test
    void comments_and_blank_lines_are_skipped_and_lines_keep_their_numbers() {
        String content = """
                # Factory defaults for the lab gateway
                   # indented comment

                Device.LocalAgent.Controller.1.EndpointID = proto::acs
                \t
                Device.LocalAgent.Controller.1.Alias = "  lab  "
                # Device.Disabled.X = 1
                Device.DeviceInfo.X_EXAMPLE_Banner = ""
                """;
        assertEquals(List.of(
                new Assignment("Device.LocalAgent.Controller.1.EndpointID", "proto::acs", 4),
                new Assignment("Device.LocalAgent.Controller.1.Alias", "  lab  ", 6),
                new Assignment("Device.DeviceInfo.X_EXAMPLE_Banner", "", 8)), ok(content));
    }

    @Test
    void crlf_line_endings_missing_final_newline_and_bom_are_accepted() {
        assertEquals(List.of(new Assignment("Device.A.B", "1", 1), new Assignment("Device.A.C", "two", 2)),
                ok("\uFEFFDevice.A.B = 1\r\nDevice.A.C = two"));
    }

    @Test
    void empty_file_and_comment_only_file_give_no_assignments() {
        assertEquals(List.of(), ok(""));
        assertEquals(List.of(), ok("# nothing yet\n\n"));
    }

    @Test
    void result_list_is_unmodifiable() {
        List<Assignment> list = ok("Device.A.B = 1\n");
        assertThrows(UnsupportedOperationException.class, () -> list.add(new Assignment("Device.X.Y", "", 9)));
    }

    @Test
    void same_path_twice_is_an_error_naming_both_lines() {
        String content = "Device.A.B = 1\n# again:\nDevice.A.C = 2\n  Device.A.B = \"1\"\n";
        assertEquals(FILE + ":4: Device.A.B is assigned twice (first on line 1)", err(content).message());
    }

    @Test
    void first_error_stops_the_parse() {
        assertEquals(FILE + ":2: missing '=' (expected <path> = <value>)",
                err("Device.A.B = 1\noops\nDevice.* = 2\n").message());
    }

    // ----- bounds

    @Test
    void line_of_8192_characters_is_accepted_and_one_more_is_refused() {
        String prefix = "Device.A.B = ";
        String longest = prefix + "v".repeat(FactoryDefaults.MAX_LINE_CHARS - prefix.length());
        assertEquals(FactoryDefaults.MAX_LINE_CHARS - prefix.length(), ok(longest).get(0).value().length());
        assertEquals(FILE + ":2: line is longer than 8192 characters",
                err("# first\n" + longest + "v\n").message());
        // CR of a CR LF ending does not count
        assertEquals(1, ok(longest + "\r\n").size());
    }

    @Test
    void ten_thousand_assignments_are_accepted_and_one_more_is_refused() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= FactoryDefaults.MAX_ASSIGNMENTS; i++) {
            b.append("Device.T.").append(i).append(".V = ").append(i).append('\n');
        }
        assertEquals(FactoryDefaults.MAX_ASSIGNMENTS, ok(b.toString()).size());
        b.append("# comments do not count\nDevice.T.V = over\n");
        assertEquals(FILE + ":10002: more than 10000 assignments", err(b.toString()).message());
    }

    @Test
    void content_over_one_mebibyte_is_refused() {
        String comment = "#" + "x".repeat(1000) + "\n";
        String big = comment.repeat(FactoryDefaults.MAX_FILE_BYTES / comment.length() + 1);
        assertEquals(FILE + ": file is over the limit of 1048576 bytes", err(big).message());
        // counted in UTF-8 bytes, not characters
        String wide = ("#" + "é".repeat(1000) + "\n").repeat(600);
        assertTrue(wide.length() < FactoryDefaults.MAX_FILE_BYTES);
        assertEquals(FILE + ": file is over the limit of 1048576 bytes", err(wide).message());
    }

    // ----- reading files

    @TempDir
    Path dir;

    @Test
    void read_parses_a_utf8_file_with_bom() throws IOException {
        Path file = dir.resolve("factory.conf");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "Device.A.B = Grüße\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        Files.write(file, all);
        Result<List<Assignment>> r = FactoryDefaults.read(file);
        assertEquals(List.of(new Assignment("Device.A.B", "Grüße", 1)), r.value());
    }

    @Test
    void read_reports_invalid_utf8_with_file_line_and_offset() throws IOException {
        Path file = dir.resolve("latin1.conf");
        byte[] text = "Device.A.B = 1\n# ok\nDevice.A.C = Gr\u00FC\u00DFe\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        DmError e = FactoryDefaults.read(file).error();
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertEquals(file + ":3: invalid UTF-8 (byte 0xFC at offset 35)", e.message());
    }

    @Test
    void read_reports_utf8_cut_short_at_end_of_file() throws IOException {
        Path file = dir.resolve("cut.conf");
        Files.write(file, new byte[] {'D', '.', 'A', '=', (byte) 0xE6, (byte) 0x97});
        assertEquals(file + ":1: invalid UTF-8 (byte 0xE6 at offset 4)", FactoryDefaults.read(file).error().message());
    }

    @Test
    void read_of_a_missing_file_is_an_error_value_naming_it() {
        Path file = dir.resolve("absent.conf");
        DmError e = FactoryDefaults.read(file).error();
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertEquals(file + ": cannot read: no such file", e.message());
    }

    @Test
    void read_of_a_directory_is_an_error_value_naming_it() {
        DmError e = FactoryDefaults.read(dir).error();
        assertTrue(e.message().startsWith(dir + ": cannot read: "), e.message());
    }

    @Test
    void read_refuses_a_file_over_one_mebibyte_without_reading_it_all() throws IOException {
        Path file = dir.resolve("huge.conf");
        Files.write(file, new byte[FactoryDefaults.MAX_FILE_BYTES + 1]);
        assertEquals(file + ": file is over the limit of 1048576 bytes", FactoryDefaults.read(file).error().message());
    }

    @Test
    void read_reports_parse_errors_with_the_file_path() throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "Device.A.B = 1\nDevice.A.B = 2\n");
        assertEquals(file + ":2: Device.A.B is assigned twice (first on line 1)",
                FactoryDefaults.read(file).error().message());
    }

    @Test
    void assignment_validates_its_fields() {
        assertThrows(IllegalArgumentException.class, () -> new Assignment("", "v", 1));
        assertThrows(IllegalArgumentException.class, () -> new Assignment("Device.A.B", "v", 0));
        assertThrows(NullPointerException.class, () -> new Assignment("Device.A.B", null, 1));
    }
}
