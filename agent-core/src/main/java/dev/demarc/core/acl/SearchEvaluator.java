package dev.demarc.core.acl;

import dev.demarc.core.path.Segment;

/**
 * Evaluates the search expressions of {@code Targets} ({@code Device.IP.Interface.[Name=="wan"].})
 * against the instantiated data model, for an {@link AccessPolicy}.
 *
 * <p>Whether an instance matches depends on current values, so the policy asks at every check
 * that reaches such a target and never caches the answer. An implementation reads the data
 * model and must therefore be called on the thread that owns it: a policy that has search
 * targets ({@link AccessPolicy#hasSearchTargets()}) is used on that thread.
 */
@FunctionalInterface
public interface SearchEvaluator {

    /** Whether an instance satisfies an expression. */
    enum Match {
        YES,
        NO,
        /** Cannot tell (no data model, a value that cannot be read): the policy then grants
         * only what it grants both when the target covers the path and when it does not. */
        UNKNOWN
    }

    /** Answers {@link Match#UNKNOWN} to everything: what a policy uses when given no evaluator. */
    SearchEvaluator NONE = (instancePath, expression) -> Match.UNKNOWN;

    /**
     * Whether the object instance at {@code instancePath} (instance numbers only, ending in
     * {@code .}: {@code Device.IP.Interface.3.}) satisfies {@code expression}, the expression in
     * place of that instance number in a target.
     */
    Match matches(String instancePath, Segment.Search expression);
}
