package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttTopicsTest {

    @Test
    void reply_to_topic_name_is_the_tr369_example() {
        // TR-369 R-MQTT.24's example, without the stray space it shows after "=".
        assertEquals("usp/agents/cid:3AA3F8:my-unique-usp-id-42/reply-to=usp%2Fcontrollers%2Foui:00256D:my-unique-bbf-id-42",
                MqttTopics.withReplyTo("usp/agents/cid:3AA3F8:my-unique-usp-id-42",
                        "usp/controllers/oui:00256D:my-unique-bbf-id-42"));
    }

    @Test
    void reply_to_is_read_back_after_the_last_marker() {
        assertEquals(Optional.of("usp/controllers/c1"), MqttTopics.replyToOf("usp/agent/reply-to=usp%2Fcontrollers%2Fc1"));
        assertEquals(Optional.of("a/b"), MqttTopics.replyToOf("x/reply-to=nope/reply-to=a%2Fb"));
        assertEquals(Optional.of("a/b"), MqttTopics.replyToOf("x/reply-to=a%2fb"));
        assertEquals(Optional.empty(), MqttTopics.replyToOf("usp/agent"));
        assertEquals(Optional.empty(), MqttTopics.replyToOf("usp/agent/reply-to="));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "usp/agent, usp/agent, true",
            "usp/agent, usp/agent/x, false",
            "usp/+, usp/agent, true",
            "usp/+, usp/agent/x, false",
            "usp/#, usp, true",
            "usp/#, usp/agent/x, true",
            "#, usp/agent, true",
            "+/+, usp/agent, true",
            "usp/agent/#, usp/agent/reply-to=c%2Fd, true",
            "#, $SYS/x, false",
            "+/x, $SYS/x, false",
            "$SYS/#, $SYS/x, true",
    })
    void topic_filter_matching_follows_mqtt(String filter, String topic, boolean matches) {
        assertEquals(matches, MqttTopics.matches(filter, topic));
    }

    @Test
    void topic_names_and_filters_are_checked() {
        assertTrue(MqttTopics.checkTopicName("usp/agent").isEmpty());
        assertFalse(MqttTopics.checkTopicName("usp/+").isEmpty());
        assertFalse(MqttTopics.checkTopicName("usp/#").isEmpty());
        assertFalse(MqttTopics.checkTopicName("").isEmpty());
        assertFalse(MqttTopics.checkTopicName("a\u0000b").isEmpty());
        assertFalse(MqttTopics.checkTopicName("x".repeat(65536)).isEmpty());
        assertTrue(MqttTopics.checkTopicFilter("usp/+/x/#").isEmpty());
        assertFalse(MqttTopics.checkTopicFilter("usp/a#").isEmpty());
        assertFalse(MqttTopics.checkTopicFilter("usp/#/x").isEmpty());
        assertFalse(MqttTopics.checkTopicFilter("usp/a+").isEmpty());
    }
}
