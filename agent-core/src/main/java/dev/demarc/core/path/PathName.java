package dev.demarc.core.path;

import java.util.List;
import java.util.Objects;

/**
 * A parsed TR-369 path name of the instantiated data model (or, from
 * {@link PathParser#parseSupported}, of the supported data model, where {@code {i}} is a
 * {@link Segment.Wildcard}).
 *
 * <p>For {@link Kind#OBJECT} the last segment is the last name or instance identifier before
 * the closing dot; for the other kinds it is the {@link Segment.Name} of the parameter, command
 * or event (without {@code ()} or {@code !}).
 */
public record PathName(String text, List<Segment> segments, Kind kind) {

    public enum Kind { OBJECT, PARAMETER, COMMAND, EVENT }

    public PathName {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
        Objects.requireNonNull(kind, "kind");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one segment");
        }
    }

    /** True when the path holds a wildcard, a search expression or a reference to follow. */
    public boolean hasSearchOrFollow() {
        for (Segment s : segments) {
            if (s instanceof Segment.Wildcard || s instanceof Segment.Search || s instanceof Segment.Follow) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
