package dev.demarc.core.schema;

import dev.demarc.core.text.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The supported data model of a {@link Schema} as a flat list of items (objects, parameters,
 * commands, events), and as the JSON that the Broadband Forum model checker
 * ({@code dmtool.py check}) reads:
 *
 * <pre>
 * {"flavor": "usp", "supported": [
 *   {"path":"Device.LocalAgent.Controller.{i}.","access":"readWrite"},
 *   {"path":"Device.LocalAgent.Controller.{i}.Enable","type":"boolean","access":"readWrite"},
 *   {"path":"Device.Reboot()","async":false,"input":["Cause","Reason"],"output":[]},
 *   {"path":"Device.Boot!","args":["CommandKey","Cause"]}]}
 * </pre>
 *
 * <p>Object access is {@code readWrite} for a table a controller may Add to and Delete from,
 * else {@code readOnly}; parameter type is {@link ValueType#exportName()} and parameter access
 * {@link Access#xmlName()}.
 *
 * <p>Only the USP flavour exists: the CWMP view of the same agent differs (Alias is readWrite,
 * there is no {@code Device.LocalAgent.} but a {@code Device.ManagementServer.}), and Demarc does
 * not serve CWMP yet, so asking for it fails rather than describing a tree nobody serves.
 * Stateless; any thread.
 */
public final class SchemaExport {

    /** Which protocol's view of the data model. */
    public enum Flavor {
        USP,
        CWMP;

        /** {@code usp} or {@code cwmp}, as dmtool spells it. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The flavour named {@code usp} or {@code cwmp} (any case). */
        public static Optional<Flavor> fromName(String name) {
            for (Flavor f : values()) {
                if (f.jsonName().equalsIgnoreCase(name)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** One supported item; {@link #path()} is its supported path. */
    public sealed interface Item permits ObjectItem, ParameterItem, CommandItem, EventItem {
        String path();

        /** {@code object}, {@code parameter}, {@code command} or {@code event}. */
        String kind();
    }

    /** An object; {@code access} is readWrite for a table controllers may add to. */
    public record ObjectItem(String path, boolean table, String access) implements Item {
        public ObjectItem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(access, "access");
        }

        @Override
        public String kind() {
            return "object";
        }
    }

    public record ParameterItem(String path, String type, String access) implements Item {
        public ParameterItem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(access, "access");
        }

        @Override
        public String kind() {
            return "parameter";
        }
    }

    public record CommandItem(String path, boolean async, List<String> input, List<String> output) implements Item {
        public CommandItem {
            Objects.requireNonNull(path, "path");
            input = List.copyOf(input);
            output = List.copyOf(output);
        }

        @Override
        public String kind() {
            return "command";
        }
    }

    public record EventItem(String path, List<String> args) implements Item {
        public EventItem {
            Objects.requireNonNull(path, "path");
            args = List.copyOf(args);
        }

        @Override
        public String kind() {
            return "event";
        }
    }

    private SchemaExport() {
    }

    /**
     * Every item of {@code schema}, objects in the schema's order (parents first), each object
     * followed by its parameters, commands and events.
     *
     * @throws UnsupportedOperationException for {@link Flavor#CWMP}, which is not implemented yet
     */
    public static List<Item> items(Schema schema, Flavor flavor) {
        Objects.requireNonNull(schema, "schema");
        requireImplemented(flavor);
        List<Item> items = new ArrayList<>();
        for (ObjectDef o : schema.objects()) {
            items.add(new ObjectItem(o.path(), o.table(),
                    o.table() && o.creatable() ? Access.READ_WRITE.xmlName() : Access.READ_ONLY.xmlName()));
            for (ParameterDef p : o.parameters()) {
                items.add(new ParameterItem(o.path() + p.name(), p.type().exportName(), p.access().xmlName()));
            }
            for (CommandDef c : o.commands()) {
                items.add(new CommandItem(o.path() + c.name() + "()", c.async(), names(c.input()), names(c.output())));
            }
            for (EventDef e : o.events()) {
                items.add(new EventItem(o.path() + e.name() + "!", names(e.arguments())));
            }
        }
        return items;
    }

    /**
     * The input of {@code dmtool.py check}: {@code flavor} and the {@code supported} list, one
     * item per line, ending with a line break.
     *
     * @throws UnsupportedOperationException for {@link Flavor#CWMP}, which is not implemented yet
     */
    public static String toDmtoolJson(Schema schema, Flavor flavor) {
        return toDmtoolJson(items(schema, flavor), flavor);
    }

    /**
     * The input of {@code dmtool.py check} for {@code items} (from a schema, or from what an
     * agent's GetSupportedDM answered): {@code flavor} and the {@code supported} list, one item
     * per line, ending with a line break.
     */
    public static String toDmtoolJson(List<Item> items, Flavor flavor) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(flavor, "flavor");
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"flavor\": ").append(JsonWriter.quote(flavor.jsonName())).append(",\n");
        sb.append("  \"supported\": [");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ").append(toJson(items.get(i)));
        }
        sb.append(items.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    /** One item as a JSON object of the {@code supported} list. */
    public static String toJson(Item item) {
        JsonWriter w = new JsonWriter().beginObject().name("path").value(item.path());
        if (item instanceof ObjectItem o) {
            w.name("access").value(o.access());
        } else if (item instanceof ParameterItem p) {
            w.name("type").value(p.type()).name("access").value(p.access());
        } else if (item instanceof CommandItem c) {
            w.name("async").value(c.async());
            stringArray(w.name("input"), c.input());
            stringArray(w.name("output"), c.output());
        } else if (item instanceof EventItem e) {
            stringArray(w.name("args"), e.args());
        }
        return w.endObject().toJson();
    }

    private static void requireImplemented(Flavor flavor) {
        Objects.requireNonNull(flavor, "flavor");
        if (flavor == Flavor.CWMP) {
            throw new UnsupportedOperationException(
                    "CWMP is not implemented yet: Demarc serves only the USP (TR-369) data model");
        }
    }

    private static void stringArray(JsonWriter w, List<String> values) {
        w.beginArray();
        values.forEach(w::value);
        w.endArray();
    }

    private static List<String> names(List<ArgumentDef> args) {
        return args.stream().map(ArgumentDef::name).toList();
    }
}
