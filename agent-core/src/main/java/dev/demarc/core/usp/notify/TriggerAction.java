package dev.demarc.core.usp.notify;

/**
 * The values of {@code Device.LocalAgent.Subscription.{i}.TriggerAction} (TR-181 2.16): what a
 * subscription does when what it watches happens. {@link #NOTIFY} is the standard's default,
 * and what a data model without the parameter gets.
 */
enum TriggerAction {
    /** A Notify message to the recipient. */
    NOTIFY("Notify", true, false),
    /** The subscription's {@code TriggerConfigSettings} applied; no Notify. */
    CONFIG("Config", false, true),
    /** Both. */
    NOTIFY_AND_CONFIG("NotifyAndConfig", true, true);

    private final String value;
    private final boolean notifies;
    private final boolean configures;

    TriggerAction(String value, boolean notifies, boolean configures) {
        this.value = value;
        this.notifies = notifies;
        this.configures = configures;
    }

    String value() {
        return value;
    }

    boolean notifies() {
        return notifies;
    }

    boolean configures() {
        return configures;
    }

    /** The action of a parameter value; {@link #NOTIFY} when empty or unknown. */
    static TriggerAction of(String value) {
        for (TriggerAction a : values()) {
            if (a.value.equals(value)) {
                return a;
            }
        }
        return NOTIFY;
    }
}
