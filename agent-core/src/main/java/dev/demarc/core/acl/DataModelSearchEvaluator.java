package dev.demarc.core.acl;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Resolution;
import dev.demarc.core.model.Resolved;
import dev.demarc.core.path.Segment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the search expressions of targets with the engine's own search: the instance
 * {@code Device.IP.Interface.3.} matches {@code [Name=="wan"]} when resolving
 * {@code Device.IP.Interface.[Name=="wan"].} yields it. A search the model refuses (a
 * parameter the table does not have, a constant of the wrong type) or that fails is
 * {@link SearchEvaluator.Match#UNKNOWN}, which grants nothing.
 *
 * <p>Each table search is resolved once and its result kept, so make one evaluator per request
 * ({@link AccessPolicy#withSearchEvaluator}): a later change of the model is not seen by an
 * evaluator that has already answered. At most {@value #MAX_KEPT} searches are kept; beyond,
 * they are resolved again each time. Called on the data model's owner thread only.
 */
public final class DataModelSearchEvaluator implements SearchEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(DataModelSearchEvaluator.class);

    /** Searches whose results one evaluator keeps. */
    public static final int MAX_KEPT = 256;

    private final DataModel model;
    private final Map<String, Set<String>> kept = new HashMap<>();
    private final Set<String> failed = new HashSet<>();

    public DataModelSearchEvaluator(DataModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public Match matches(String instancePath, Segment.Search expression) {
        if (instancePath == null || expression == null || !instancePath.endsWith(".")) {
            return Match.UNKNOWN;
        }
        int lastDot = instancePath.lastIndexOf('.', instancePath.length() - 2);
        if (lastDot < 0) {
            return Match.UNKNOWN;
        }
        String query = instancePath.substring(0, lastDot + 1) + expression + ".";
        if (failed.contains(query)) {
            return Match.UNKNOWN;
        }
        Set<String> instances = kept.get(query);
        if (instances == null) {
            Result<Resolution> resolved = model.resolve(query);
            if (!resolved.isOk()) {
                LOG.debug("permission target search {} cannot be evaluated: {}", query, resolved.error());
                if (failed.size() < MAX_KEPT) {
                    failed.add(query);
                }
                return Match.UNKNOWN;
            }
            instances = new HashSet<>();
            for (Resolved r : resolved.value().matches()) {
                instances.add(r.objectPath());
            }
            if (kept.size() < MAX_KEPT) {
                kept.put(query, instances);
            }
        }
        return instances.contains(instancePath) ? Match.YES : Match.NO;
    }
}
