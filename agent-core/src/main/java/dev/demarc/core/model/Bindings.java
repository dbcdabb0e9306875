package dev.demarc.core.model;

import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.Schema;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the platform plugs into the data model, by supported path: which parameters it provides,
 * which tables it fills, and which objects it applies writes to. Everything not bound is
 * stored by the engine. Immutable; made with {@link #builder(Schema)}, which checks each path
 * against the schema.
 */
public final class Bindings {

    /** A provider and how long its answers may be reused (zero: ask every time). */
    public record Provided<P>(P provider, Duration ttl) {
        public Provided {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative");
            }
        }
    }

    private final Map<String, Provided<ParameterProvider>> parameters;
    private final Map<String, Provided<TableProvider>> tables;
    private final Map<String, WriteHook> hooks;

    private Bindings(Builder b) {
        this.parameters = Map.copyOf(b.parameters);
        this.tables = Map.copyOf(b.tables);
        this.hooks = Map.copyOf(b.hooks);
    }

    public static Bindings none() {
        return new Bindings(new Builder(null));
    }

    public static Builder builder(Schema schema) {
        return new Builder(Objects.requireNonNull(schema, "schema"));
    }

    /** The provider of the parameter at this supported path, e.g. {@code Device.DeviceInfo.UpTime}. */
    public Optional<Provided<ParameterProvider>> parameter(String supportedParameterPath) {
        return Optional.ofNullable(parameters.get(supportedParameterPath));
    }

    /** The provider of the table at this supported path, e.g. {@code Device.IP.Interface.{i}.}. */
    public Optional<Provided<TableProvider>> table(String supportedObjectPath) {
        return Optional.ofNullable(tables.get(supportedObjectPath));
    }

    /** The write hook of the object at this supported path. */
    public Optional<WriteHook> hook(String supportedObjectPath) {
        return Optional.ofNullable(hooks.get(supportedObjectPath));
    }

    public static final class Builder {
        private final Schema schema;
        private final Map<String, Provided<ParameterProvider>> parameters = new HashMap<>();
        private final Map<String, Provided<TableProvider>> tables = new HashMap<>();
        private final Map<String, WriteHook> hooks = new HashMap<>();

        private Builder(Schema schema) {
            this.schema = schema;
        }

        /** {@code Device.DeviceInfo.UpTime} is read from {@code provider}, cached for {@code ttl}. */
        public Builder parameter(String supportedParameterPath, ParameterProvider provider, Duration ttl) {
            int dot = supportedParameterPath.lastIndexOf('.');
            ObjectDef object = objectAt(supportedParameterPath.substring(0, dot + 1));
            String name = supportedParameterPath.substring(dot + 1);
            if (object.parameter(name).isEmpty() || object.parameter(name).get().isNumberOfEntries()) {
                throw new IllegalArgumentException("no parameter to provide at " + supportedParameterPath);
            }
            putOnce(parameters, supportedParameterPath, new Provided<>(provider, ttl));
            return this;
        }

        /** The instances of the table {@code Device.IP.Interface.{i}.} come from {@code provider}. */
        public Builder table(String supportedObjectPath, TableProvider provider, Duration ttl) {
            ObjectDef object = objectAt(supportedObjectPath);
            if (!object.table()) {
                throw new IllegalArgumentException(supportedObjectPath + " is not a table");
            }
            putOnce(tables, supportedObjectPath, new Provided<>(provider, ttl));
            return this;
        }

        /** Changes in objects at {@code supportedObjectPath} are applied through {@code hook}. */
        public Builder hook(String supportedObjectPath, WriteHook hook) {
            objectAt(supportedObjectPath);
            putOnce(hooks, supportedObjectPath, Objects.requireNonNull(hook, "hook"));
            return this;
        }

        public Bindings build() {
            return new Bindings(this);
        }

        private ObjectDef objectAt(String supportedObjectPath) {
            return schema.object(supportedObjectPath).orElseThrow(
                    () -> new IllegalArgumentException("no object " + supportedObjectPath + " in the schema"));
        }

        private static <V> void putOnce(Map<String, V> map, String key, V value) {
            if (map.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException(key + " is bound twice");
            }
        }
    }
}
