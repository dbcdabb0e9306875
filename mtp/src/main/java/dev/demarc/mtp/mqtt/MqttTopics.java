package dev.demarc.mtp.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * MQTT topic rules the transport needs: TR-369's MQTT 3.1.1 "reply to" convention (R-MQTT.24,
 * R-MQTT.25), the validity of topic names and filters, and topic-filter matching (to know
 * whether a topic is already covered by a subscription, R-MQTT.15).
 */
final class MqttTopics {

    /** What separates a topic from the sender's "reply to" topic in MQTT 3.1.1 (R-MQTT.24). */
    static final String REPLY_TO = "/reply-to=";

    /** Longest topic in MQTT: a UTF-8 string with a two-byte length. */
    static final int MAX_TOPIC_BYTES = 65535;

    private MqttTopics() {
    }

    /**
     * The MQTT 3.1.1 topic name for publishing to {@code topic} with "reply to" topic
     * {@code replyTo}: {@code topic + "/reply-to=" + replyTo} with every "/" of replyTo written
     * as "%2F" (R-MQTT.24).
     */
    static String withReplyTo(String topic, String replyTo) {
        return topic + REPLY_TO + replyTo.replace("/", "%2F");
    }

    /**
     * The "reply to" topic carried in an MQTT 3.1.1 topic name: what follows the last
     * "/reply-to=", with "%2F" read back as "/" (R-MQTT.25); empty if there is none.
     */
    static Optional<String> replyToOf(String topicName) {
        int at = topicName.lastIndexOf(REPLY_TO);
        if (at < 0) {
            return Optional.empty();
        }
        String encoded = topicName.substring(at + REPLY_TO.length());
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(encoded.replace("%2F", "/").replace("%2f", "/"));
    }

    /** Why {@code topic} cannot be a PUBLISH topic name, or empty if it can. */
    static Optional<String> checkTopicName(String topic) {
        if (topic.isEmpty()) {
            return Optional.of("the topic is empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return Optional.of("a topic name must not contain the wildcards '+' or '#': " + topic);
        }
        return checkCommon(topic);
    }

    /** Why {@code filter} cannot be a SUBSCRIBE topic filter, or empty if it can. */
    static Optional<String> checkTopicFilter(String filter) {
        if (filter.isEmpty()) {
            return Optional.of("the topic filter is empty");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return Optional.of("'#' must be a whole level at the end of a topic filter: " + filter);
            }
            if (level.contains("+") && !level.equals("+")) {
                return Optional.of("'+' must be a whole level of a topic filter: " + filter);
            }
        }
        return checkCommon(filter);
    }

    private static Optional<String> checkCommon(String topic) {
        if (topic.indexOf('\u0000') >= 0) {
            return Optional.of("a topic must not contain the character U+0000");
        }
        int bytes = topic.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TOPIC_BYTES) {
            return Optional.of("a topic is at most " + MAX_TOPIC_BYTES + " bytes of UTF-8, this one is " + bytes);
        }
        return Optional.empty();
    }

    /**
     * Whether topic name {@code topic} matches topic filter {@code filter} as MQTT defines it:
     * "+" matches one level, "#" the rest including the parent level, and a topic starting with
     * "$" is not matched by a filter starting with a wildcard.
     */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
