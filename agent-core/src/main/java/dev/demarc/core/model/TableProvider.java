package dev.demarc.core.model;

import dev.demarc.core.Result;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of a platform-backed table (interfaces, Wi-Fi stations, hosts). Each row has a key
 * that is stable for the same platform thing (an interface name, a MAC address): the engine
 * keeps the same instance number for the same key, numbers new keys, and deletes the instances
 * of keys that are gone. Called on the data model's owner thread.
 */
@FunctionalInterface
public interface TableProvider {

    /** The rows of the table inside {@code parent} (the object holding the table). */
    Result<List<Row>> rows(InstanceRef parent);

    /**
     * One row: its platform key and the values of the row's parameters that the platform
     * provides, by parameter name. Parameters it does not list are stored by the engine
     * ({@code Alias}, say). Parameters holding references to instances of other platform
     * tables ({@code LowerLayers}, {@code Interface}) are given in {@code references}, by the
     * platform keys of what they name; the engine reads them as the comma-separated paths of
     * those instances ({@link KeyReference}). A name is in {@code values} or in
     * {@code references}, not both.
     */
    record Row(String key, Map<String, String> values, Map<String, List<KeyReference>> references) {
        public Row {
            Objects.requireNonNull(key, "key");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a row key is not empty");
            }
            values = Map.copyOf(values);
            Map<String, List<KeyReference>> refs = new java.util.HashMap<>();
            references.forEach((name, list) -> refs.put(name, List.copyOf(list)));
            references = Map.copyOf(refs);
            for (String name : references.keySet()) {
                if (values.containsKey(name)) {
                    throw new IllegalArgumentException(name + " is given as a value and as a reference");
                }
            }
        }

        /** A row without references. */
        public Row(String key, Map<String, String> values) {
            this(key, values, Map.of());
        }
    }
}
