package dev.demarc.cli.doctor;

/** How one step of {@code demarc doctor} ended. */
public enum CheckStatus {
    /** What was measured is as it should be. */
    PASS,
    /** It works, but something needs attention (a certificate about to expire, some packet loss). */
    WARN,
    /** It does not work: the result says what that means and where to look next. */
    FAIL,
    /** Not measured: nothing to measure, or what it needs is missing (the result says which). */
    SKIP
}
