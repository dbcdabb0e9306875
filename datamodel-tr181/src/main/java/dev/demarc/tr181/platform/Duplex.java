package dev.demarc.tr181.platform;

/** The duplex mode an Ethernet link runs in; {@link #UNKNOWN} when the link is down or has none. */
public enum Duplex {
    UNKNOWN,
    HALF,
    FULL
}
