package dev.demarc.core.model;

import dev.demarc.core.path.PathName;
import dev.demarc.core.schema.ObjectDef;
import java.util.Objects;

/**
 * One thing a path resolved to.
 *
 * @param objectPath the concrete object or instance path ({@code Device.LocalAgent.Controller.2.}),
 *                   or for a whole table the table path ({@code Device.LocalAgent.Controller.})
 * @param object     the object's definition
 * @param wholeTable true when the path named the table itself rather than an instance
 * @param kind       what the path names in the object
 * @param member     the parameter, command or event name; empty for an object
 */
public record Resolved(String objectPath, ObjectDef object, boolean wholeTable, PathName.Kind kind, String member) {

    public Resolved {
        Objects.requireNonNull(objectPath, "objectPath");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(member, "member");
    }

    /** The full path: the object path, plus the member and its {@code ()} or {@code !}. */
    public String path() {
        return switch (kind) {
            case OBJECT -> objectPath;
            case PARAMETER -> objectPath + member;
            case COMMAND -> objectPath + member + "()";
            case EVENT -> objectPath + member + "!";
        };
    }
}
