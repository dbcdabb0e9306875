package dev.demarc.tr181;

import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.ParameterDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link TableProvider.Row} from platform values, holding each to its parameter's
 * TR-181 facets: a value the type refuses is left out of the row (and logged), so a controller
 * never reads a value that breaks the standard. Used on the data model's owner thread.
 */
final class PlatformRow {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformRow.class);

    private final String key;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<KeyReference>> references = new LinkedHashMap<>();

    private PlatformRow(String key) {
        this.key = key;
    }

    /** A row with this platform key. */
    static PlatformRow keyed(String key) {
        return new PlatformRow(key);
    }

    PlatformRow value(ParameterDef def, String value) {
        if (def.type().isValid(value)) {
            values.put(def.name(), value);
        } else {
            LOG.warn("row {}: the platform gave {} the invalid value '{}'; left out", key, def.name(),
                    def.hidden() ? "(hidden)" : value);
        }
        return this;
    }

    PlatformRow value(ParameterDef def, boolean value) {
        return value(def, Boolean.toString(value));
    }

    PlatformRow value(ParameterDef def, long value) {
        return value(def, Long.toString(value));
    }

    /** A list parameter: its items joined by commas. */
    PlatformRow list(ParameterDef def, List<String> items) {
        return value(def, String.join(",", items));
    }

    /**
     * A reference to a row of another platform table, by that row's key; no key (empty) is an
     * empty reference.
     */
    PlatformRow reference(ParameterDef def, String supportedTablePath, String targetKey) {
        List<KeyReference> refs = new ArrayList<>();
        if (!targetKey.isEmpty()) {
            refs.add(KeyReference.of(supportedTablePath, targetKey));
        }
        references.put(def.name(), refs);
        return this;
    }

    TableProvider.Row build() {
        return new TableProvider.Row(key, values, references);
    }
}
