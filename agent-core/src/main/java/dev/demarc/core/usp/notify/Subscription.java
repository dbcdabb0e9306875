package dev.demarc.core.usp.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of {@code Device.LocalAgent.Subscription.{i}.} as the agent acts on it, read
 * from the data model. Immutable.
 *
 * @param path            the instance path, {@code Device.LocalAgent.Subscription.3.}
 * @param id              {@code ID}, the {@code subscription_id} of its Notify messages
 * @param recipient       the controller's instance path with its trailing dot,
 *                        {@code Device.LocalAgent.Controller.1.}; empty when unset
 * @param enabled         {@code Enable}
 * @param type            {@code NotifType}; empty when unset or unknown (then it never fires)
 * @param references      {@code ReferenceList}, parsed
 * @param persistent      {@code Persistent}
 * @param timeToLive      {@code TimeToLive} in seconds, 0 for none
 * @param created         {@code CreationDate}, when the data model has it and it is known
 * @param notifRetry      {@code NotifRetry}
 * @param notifExpiration {@code NotifExpiration} in seconds, 0 for none
 * @param triggerAction   {@code TriggerAction}; {@link TriggerAction#NOTIFY} when unset or
 *                        unknown, or when the data model has no such parameter
 * @param triggerConfigSettings {@code TriggerConfigSettings} as written (see
 *                        {@link TriggerConfigSettings}); empty when unset
 */
record Subscription(String path, String id, String recipient, boolean enabled, Optional<NotifType> type,
                    List<Reference> references, boolean persistent, long timeToLive, Optional<Instant> created,
                    boolean notifRetry, long notifExpiration, TriggerAction triggerAction,
                    String triggerConfigSettings) {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    /** Items of a ReferenceList acted on; more are left out and logged. */
    static final int MAX_REFERENCES = 256;

    Subscription {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(type, "type");
        references = List.copyOf(references);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(triggerAction, "triggerAction");
        Objects.requireNonNull(triggerConfigSettings, "triggerConfigSettings");
        if (timeToLive < 0 || notifExpiration < 0) {
            throw new IllegalArgumentException("durations are not negative");
        }
    }

    /** From the parameters of the instance at {@code path}, as a Get gives them. */
    static Subscription from(String path, Map<String, String> values) {
        String recipient = values.getOrDefault("Recipient", "").trim();
        if (!recipient.isEmpty() && !recipient.endsWith(".")) {
            recipient = recipient + ".";
        }
        List<Reference> refs = new ArrayList<>();
        String list = values.getOrDefault("ReferenceList", "");
        if (!list.isBlank()) {
            for (String item : list.split(",", -1)) {
                String t = item.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (refs.size() == MAX_REFERENCES) {
                    LOG.warn("{}ReferenceList has more than {} items; the rest are ignored", path, MAX_REFERENCES);
                    break;
                }
                refs.add(Reference.of(t));
            }
        }
        return new Subscription(path, values.getOrDefault("ID", ""), recipient,
                bool(values.get("Enable")), NotifType.of(values.getOrDefault("NotifType", "")), refs,
                bool(values.get("Persistent")), seconds(values.get("TimeToLive")),
                dateTime(values.get("CreationDate")), bool(values.get("NotifRetry")),
                seconds(values.get("NotifExpiration")), TriggerAction.of(values.getOrDefault("TriggerAction", "")),
                values.getOrDefault(TriggerConfigSettings.PARAMETER, ""));
    }

    /** Enabled, with a type, a recipient and something to watch. */
    boolean active() {
        return enabled && type.isPresent() && !recipient.isEmpty();
    }

    boolean is(NotifType t) {
        return type.isPresent() && type.get() == t;
    }

    static boolean bool(String v) {
        return "true".equals(v) || "1".equals(v);
    }

    static long seconds(String v) {
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A TR-106 dateTime; the Unknown Time (year 1) and anything unreadable give empty. */
    static Optional<Instant> dateTime(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant t = OffsetDateTime.parse(v).toInstant();
            return t.isBefore(Instant.parse("1970-01-01T00:00:00Z")) ? Optional.empty() : Optional.of(t);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
