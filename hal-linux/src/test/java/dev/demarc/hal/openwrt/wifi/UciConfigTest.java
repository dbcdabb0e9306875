package dev.demarc.hal.openwrt.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UciConfigTest {

    private static final String FILE = """
            # written by hand
            config wifi-device 'radio0'
            \toption channel '6'
            \toption htmode "HE20"   # trailing comment
            \tlist basic_rate '6000'
            \tlist basic_rate '12000'

            config wifi-iface
            \toption device radio0
            \toption ssid 'It'\\''s mine'
            \toption key 'a # not a comment'

            config wifi-iface
            \toption device 'radio0'
            \toption disabled '1'
            """;

    @Test
    void sections_options_and_lists_are_read_as_uci_reads_them() {
        UciConfig c = UciConfig.parse("wireless", FILE).value();
        assertEquals(List.of("radio0", "@wifi-iface[0]", "@wifi-iface[1]"),
                c.sections().stream().map(UciConfig.Section::name).toList());
        UciConfig.Section radio = c.section("radio0").get();
        assertEquals("wifi-device", radio.type());
        assertTrue(radio.named());
        assertEquals(Optional.of("HE20"), radio.option("htmode"));
        assertEquals(List.of("6000", "12000"), radio.list("basic_rate"));
        UciConfig.Section first = c.section("@wifi-iface[0]").get();
        assertFalse(first.named());
        assertEquals("It's mine", first.option("ssid", ""));
        assertEquals("a # not a comment", first.option("key", ""));
        assertTrue(c.section("@wifi-iface[1]").get().flag("disabled", false));
        assertEquals(2, c.sections("wifi-iface").size());
    }

    @Test
    void a_changed_option_gives_a_new_configuration() {
        UciConfig c = UciConfig.parse("wireless", FILE).value();
        UciConfig changed = c.with("radio0", "channel", "11").with("radio0", "htmode", null);
        assertEquals("11", changed.section("radio0").get().option("channel", ""));
        assertTrue(changed.section("radio0").get().option("htmode").isEmpty());
        assertEquals("6", c.section("radio0").get().option("channel", ""));
    }

    @Test
    void a_broken_line_is_an_error_naming_it() {
        assertEquals("wireless:2: unclosed quote",
                UciConfig.parse("wireless", "config wifi-device 'radio0'\n\toption ssid 'open\n").error().message());
        assertEquals("wireless:1: option outside a section",
                UciConfig.parse("wireless", "option ssid x\n").error().message());
        assertEquals("wireless:1: unknown keyword", UciConfig.parse("wireless", "conifg x\n").error().message());
    }

    @Test
    void option_values_are_never_printed() {
        UciConfig c = UciConfig.parse("wireless", FILE).value();
        assertFalse(c.toString().contains("a # not a comment"));
        assertFalse(c.section("@wifi-iface[0]").get().toString().contains("mine"));
        assertEquals("UciConfig[Section[wifi-device radio0], Section[wifi-iface @wifi-iface[0]], "
                + "Section[wifi-iface @wifi-iface[1]]]", c.toString());
    }

    @Test
    void a_value_is_quoted_for_a_batch_line_as_uci_export_writes_it() {
        assertEquals("'plain'", UciConfig.quote("plain"));
        assertEquals("'it'\\''s'", UciConfig.quote("it's"));
    }
}
