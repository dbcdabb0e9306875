package dev.demarc.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The supported data model of an agent: an immutable tree of {@link ObjectDef}s under one root
 * ({@code Device.}), indexed by supported path.
 */
public final class Schema {

    private final ObjectDef root;
    private final Map<String, ObjectDef> objectsByPath;

    private Schema(ObjectDef root) {
        this.root = Objects.requireNonNull(root, "root");
        Map<String, ObjectDef> index = new LinkedHashMap<>();
        collect(root, index);
        this.objectsByPath = Collections.unmodifiableMap(index);
    }

    public static Schema of(ObjectDef root) {
        return new Schema(root);
    }

    private static void collect(ObjectDef object, Map<String, ObjectDef> index) {
        index.put(object.path(), object);
        for (ObjectDef child : object.objects()) {
            collect(child, index);
        }
    }

    public ObjectDef root() {
        return root;
    }

    /** The object with this supported path, e.g. {@code Device.LocalAgent.Controller.{i}.}. */
    public Optional<ObjectDef> object(String supportedPath) {
        return Optional.ofNullable(objectsByPath.get(supportedPath));
    }

    /** Every object, parents before children, in definition order. */
    public List<ObjectDef> objects() {
        return new ArrayList<>(objectsByPath.values());
    }

    /**
     * The supported path of a concrete path: instance numbers become {@code {i}}, e.g.
     * {@code Device.LocalAgent.Controller.3.MTP.1.} gives {@code Device.LocalAgent.Controller.{i}.MTP.{i}.}.
     */
    public static String supportedPathOf(String concretePath) {
        StringBuilder sb = new StringBuilder(concretePath.length());
        int start = 0;
        while (start < concretePath.length()) {
            int dot = concretePath.indexOf('.', start);
            int end = dot < 0 ? concretePath.length() : dot;
            String segment = concretePath.substring(start, end);
            boolean number = !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
            sb.append(number ? "{i}" : segment);
            if (dot >= 0) {
                sb.append('.');
            }
            start = end + 1;
        }
        return sb.toString();
    }
}
