package dev.demarc.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * What changed in the instantiated data model, for notifications: after a transaction commits,
 * and when the platform pushes a change.
 */
public sealed interface ModelEvent permits ModelEvent.ValueChanged, ModelEvent.ObjectCreated, ModelEvent.ObjectDeleted {

    String path();

    /** A parameter has a new value ({@code value} is empty for a hidden parameter). */
    record ValueChanged(String path, String value) implements ModelEvent {
        public ValueChanged {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An instance was created; {@code uniqueKeys} holds its unique-key parameters and values. */
    record ObjectCreated(String path, Map<String, String> uniqueKeys) implements ModelEvent {
        public ObjectCreated {
            Objects.requireNonNull(path, "path");
            uniqueKeys = Map.copyOf(uniqueKeys);
        }
    }

    /** An instance was deleted. */
    record ObjectDeleted(String path) implements ModelEvent {
        public ObjectDeleted {
            Objects.requireNonNull(path, "path");
        }
    }
}
