package dev.demarc.core.model;

import java.util.Map;
import java.util.Objects;

/** One change a transaction makes, as a {@link WriteHook} sees it. */
public sealed interface Change permits Change.ValueSet, Change.InstanceAdded, Change.InstanceDeleted {

    /** The object the change is in (for an instance change, the instance itself). */
    InstanceRef object();

    /** A parameter written: {@code object().path() + parameter} is its path. */
    record ValueSet(InstanceRef object, String parameter, String oldValue, String newValue) implements Change {
        public ValueSet {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(parameter, "parameter");
            Objects.requireNonNull(oldValue, "oldValue");
            Objects.requireNonNull(newValue, "newValue");
        }

        public String path() {
            return object.path() + parameter;
        }
    }

    /** An instance created with the values of its parameters (given or defaulted). */
    record InstanceAdded(InstanceRef object, Map<String, String> values) implements Change {
        public InstanceAdded {
            Objects.requireNonNull(object, "object");
            values = Map.copyOf(values);
        }
    }

    /** An instance deleted, with the values its parameters had. */
    record InstanceDeleted(InstanceRef object, Map<String, String> values) implements Change {
        public InstanceDeleted {
            Objects.requireNonNull(object, "object");
            values = Map.copyOf(values);
        }
    }
}
