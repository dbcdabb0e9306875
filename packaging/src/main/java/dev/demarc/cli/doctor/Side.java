package dev.demarc.cli.doctor;

/**
 * The side of the demarcation point a failure lies on: the point where the provider's network
 * ends and the customer's premises begin, the gateway standing between the two.
 */
public enum Side {
    /** The customer's own network and devices behind the gateway (LAN, Wi-Fi, computers). */
    CUSTOMER("the customer's side", "on the customer's side of the demarcation point (LAN, Wi-Fi, devices)"),
    /** The gateway itself: its configuration, its clock, the agent running on it. */
    GATEWAY("the gateway", "at the gateway itself (its configuration, its clock, the agent)"),
    /** The provider's network: the line, the provider's equipment and servers, the operator's controllers. */
    PROVIDER("the provider's network", "on the provider's side of the demarcation point (the line, the"
            + " provider's equipment and servers)");

    private final String words;
    private final String where;

    Side(String words, String where) {
        this.words = words;
        this.where = where;
    }

    /** Where a failure on this side lies, for the summary: {@code at the gateway itself (...)}. */
    public String where() {
        return where;
    }

    /** The side in words, for a sentence: {@code the provider's network}. */
    public String words() {
        return words;
    }

    /** The name in {@code --json} output: {@code customer}, {@code gateway}, {@code provider}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
