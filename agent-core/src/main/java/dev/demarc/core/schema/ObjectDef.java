package dev.demarc.core.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An object of the supported data model: a single object ({@code Device.DeviceInfo.}) or a
 * multi-instance table ({@code Device.LocalAgent.Controller.{i}.}), with its parameters,
 * sub-objects, commands and events. Built with {@link #single(String)} or {@link #table(String)}.
 *
 * @param path       supported path, e.g. {@code Device.LocalAgent.Controller.{i}.}
 * @param name       the last name in the path, e.g. {@code Controller}
 * @param table      true for a multi-instance object
 * @param creatable  true when a controller may Add and Delete instances (TR-181 access
 *                   readWrite on the table); false for tables the platform fills
 * @param uniqueKeys each unique key: the names of its parameters
 * @param maxEntries the most instances the table may hold (bounds every table); 0 for a
 *                   single object
 */
public record ObjectDef(String path, String name, boolean table, boolean creatable,
                        List<List<String>> uniqueKeys, List<ParameterDef> parameters,
                        List<ObjectDef> objects, List<CommandDef> commands, List<EventDef> events,
                        int maxEntries) {

    /** Default bound on the instances of one table. */
    public static final int DEFAULT_MAX_ENTRIES = 4096;

    public ObjectDef {
        Objects.requireNonNull(path, "path");
        SchemaNames.requireName(name);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        parameters = List.copyOf(parameters);
        objects = List.copyOf(objects);
        commands = List.copyOf(commands);
        events = List.copyOf(events);
        if (!table && (creatable || !uniqueKeys.isEmpty() || maxEntries != 0)) {
            throw new IllegalArgumentException(path + ": only tables have instances and unique keys");
        }
        if (table && maxEntries < 1) {
            throw new IllegalArgumentException(path + ": maxEntries must be >= 1");
        }
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.name()));
        objects.forEach(o -> names.add(o.name()));
        commands.forEach(c -> names.add(c.name() + "()"));
        events.forEach(e -> names.add(e.name() + "!"));
        SchemaNames.requireDistinct(path, names);
        Set<String> paramNames = new HashSet<>();
        parameters.forEach(p -> paramNames.add(p.name()));
        for (List<String> key : uniqueKeys) {
            if (key.isEmpty() || !paramNames.containsAll(key)) {
                throw new IllegalArgumentException(path + ": unique key " + key + " names unknown parameters");
            }
        }
        for (ParameterDef p : parameters) {
            if (p.isNumberOfEntries() && objects.stream().noneMatch(o -> o.table() && o.name().equals(p.countedTable()))) {
                throw new IllegalArgumentException(path + p.name() + ": no table " + p.countedTable() + " to count");
            }
        }
        for (ObjectDef o : objects) {
            String expected = path + o.name() + (o.table() ? ".{i}." : ".");
            if (!o.path().equals(expected)) {
                throw new IllegalArgumentException("sub-object path " + o.path() + " should be " + expected);
            }
        }
    }

    public Optional<ParameterDef> parameter(String parameterName) {
        for (ParameterDef p : parameters) {
            if (p.name().equals(parameterName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<ObjectDef> object(String objectName) {
        for (ObjectDef o : objects) {
            if (o.name().equals(objectName)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public Optional<CommandDef> command(String commandName) {
        return commands.stream().filter(c -> c.name().equals(commandName)).findFirst();
    }

    public Optional<EventDef> event(String eventName) {
        return events.stream().filter(e -> e.name().equals(eventName)).findFirst();
    }

    /** The path of the table itself, without {@code {i}}: {@code Device.LocalAgent.Controller.}. */
    public String tablePath() {
        return table ? path.substring(0, path.length() - "{i}.".length()) : path;
    }

    public static Builder single(String name) {
        return new Builder(name, false);
    }

    public static Builder table(String name) {
        return new Builder(name, true);
    }

    /** Builds an object and, through nested builders, its sub-objects. */
    public static final class Builder {
        private final String name;
        private final boolean table;
        private boolean creatable;
        private int maxEntries;
        private final List<List<String>> uniqueKeys = new ArrayList<>();
        private final Map<String, ParameterDef> parameters = new LinkedHashMap<>();
        private final List<Builder> objects = new ArrayList<>();
        private final List<CommandDef> commands = new ArrayList<>();
        private final List<EventDef> events = new ArrayList<>();

        private Builder(String name, boolean table) {
            this.name = name;
            this.table = table;
            this.maxEntries = table ? DEFAULT_MAX_ENTRIES : 0;
        }

        /** Controllers may Add and Delete instances. */
        public Builder creatable() {
            this.creatable = true;
            return this;
        }

        public Builder maxEntries(int max) {
            this.maxEntries = max;
            return this;
        }

        public Builder uniqueKey(String... parameterNames) {
            uniqueKeys.add(List.of(parameterNames));
            return this;
        }

        public Builder param(ParameterDef parameter) {
            if (parameters.putIfAbsent(parameter.name(), parameter) != null) {
                throw new IllegalArgumentException(name + "." + parameter.name() + " defined twice");
            }
            return this;
        }

        public Builder object(Builder child) {
            objects.add(child);
            return this;
        }

        /** A sub-table and its {@code <name>NumberOfEntries} parameter in this object. */
        public Builder tableWithCount(Builder child) {
            if (!child.table) {
                throw new IllegalArgumentException(child.name + " is not a table");
            }
            param(ParameterDef.numberOfEntries(child.name));
            return object(child);
        }

        public Builder command(CommandDef command) {
            commands.add(command);
            return this;
        }

        public Builder event(EventDef event) {
            events.add(event);
            return this;
        }

        /** Builds this object as the root of a tree: its path is {@code name + "."}. */
        public ObjectDef buildRoot() {
            if (table) {
                throw new IllegalArgumentException("the root object is not a table");
            }
            return build(name + ".");
        }

        private ObjectDef build(String ownPath) {
            List<ObjectDef> children = new ArrayList<>();
            for (Builder b : objects) {
                children.add(b.build(ownPath + b.name + (b.table ? ".{i}." : ".")));
            }
            return new ObjectDef(ownPath, name, table, creatable, uniqueKeys,
                    List.copyOf(parameters.values()), children, commands, events, maxEntries);
        }
    }
}
