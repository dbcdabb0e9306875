package dev.demarc.core.usp.notify;

import dev.demarc.core.Result;
import dev.demarc.core.model.Resolved;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.path.Segment;
import java.util.List;
import java.util.Objects;

/**
 * One item of a subscription's {@code ReferenceList}: a path name, search path, command or
 * event path, and how it covers what happens in the data model (TR-181
 * {@code Subscription.{i}.ReferenceList}):
 * <ul>
 *   <li>ValueChange: a parameter path names that parameter; an object path covers every
 *   parameter below it;</li>
 *   <li>ObjectCreation, ObjectDeletion: a table path ({@code Device.LocalAgent.Subscription.})
 *   covers its instances; an instance path (number, {@code *}, search) covers the instances it
 *   names;</li>
 *   <li>OperationComplete, Event: a command or event path names it; an object path covers every
 *   command or event below it.</li>
 * </ul>
 * A reference is first matched by its shape, segment by segment, which settles it when it
 * holds only names, instance numbers and wildcards. One with a search expression or reference
 * following is then resolved against the data model (see {@link #needsResolution()}); the
 * caller does that once per batch of changes and asks {@code confirm...} with the result.
 *
 * <p>Immutable; any thread.
 */
final class Reference {

    private final String text;
    private final PathName path;
    private final boolean follows;
    private final boolean searches;

    private Reference(String text, PathName path) {
        this.text = text;
        this.path = path;
        boolean f = false;
        boolean s = false;
        if (path != null) {
            for (Segment seg : path.segments()) {
                f |= seg instanceof Segment.Follow;
                s |= seg instanceof Segment.Search;
            }
        }
        this.follows = f;
        this.searches = s;
    }

    /** Parses one item; a bad path gives a reference that matches nothing. */
    static Reference of(String text) {
        Objects.requireNonNull(text, "text");
        Result<PathName> parsed = PathParser.parse(text);
        return new Reference(text, parsed.isOk() ? parsed.value() : null);
    }

    String text() {
        return text;
    }

    boolean valid() {
        return path != null;
    }

    PathName path() {
        return path;
    }

    /** True when the shape alone cannot settle a match: a search expression or reference following. */
    boolean needsResolution() {
        return searches || follows;
    }

    /** The concrete names of a path: {@code Device.A.1.B} and {@code Device.A.1.} give [Device, A, 1, B] and [Device, A, 1]. */
    static String[] tokens(String concretePath) {
        return concretePath.split("\\.");
    }

    // ------------------------------------------------------------------ by shape

    /** Whether this may cover the parameter with these tokens (ValueChange). */
    boolean mayCoverParameter(String[] parameter) {
        if (path == null) {
            return false;
        }
        if (follows) {
            return true;
        }
        List<Segment> segs = path.segments();
        return switch (path.kind()) {
            case PARAMETER -> segs.size() == parameter.length && prefixMatches(segs, parameter);
            case OBJECT -> segs.size() < parameter.length && prefixMatches(segs, parameter);
            default -> false;
        };
    }

    /** Whether this may cover the instance with these tokens, the last an instance number (ObjectCreation, ObjectDeletion). */
    boolean mayCoverInstance(String[] instance) {
        if (path == null || path.kind() != PathName.Kind.OBJECT) {
            return false;
        }
        if (follows) {
            return true;
        }
        List<Segment> segs = path.segments();
        return (segs.size() == instance.length || segs.size() == instance.length - 1) && prefixMatches(segs, instance);
    }

    /** Whether this may cover command or event {@code member} (no {@code ()} or {@code !}) of the object with these tokens. */
    boolean mayCoverMember(PathName.Kind kind, String[] object, String member) {
        if (path == null) {
            return false;
        }
        if (follows) {
            return path.kind() == kind || path.kind() == PathName.Kind.OBJECT;
        }
        List<Segment> segs = path.segments();
        if (path.kind() == kind) {
            return segs.size() == object.length + 1 && prefixMatches(segs.subList(0, object.length), object)
                    && segs.get(object.length) instanceof Segment.Name n && n.name().equals(member);
        }
        return path.kind() == PathName.Kind.OBJECT && segs.size() <= object.length && prefixMatches(segs, object);
    }

    private static boolean prefixMatches(List<Segment> segs, String[] tokens) {
        for (int i = 0; i < segs.size(); i++) {
            String t = tokens[i];
            Segment s = segs.get(i);
            boolean ok;
            if (s instanceof Segment.Name n) {
                ok = n.name().equals(t);
            } else if (s instanceof Segment.Instance in) {
                ok = Integer.toString(in.number()).equals(t);
            } else {
                ok = isNumber(t);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ by resolution

    /** With this reference resolved now: does it cover parameter {@code parameterPath}? */
    static boolean confirmParameter(List<Resolved> resolved, String parameterPath) {
        for (Resolved m : resolved) {
            if (m.kind() == PathName.Kind.PARAMETER && m.path().equals(parameterPath)
                    || m.kind() == PathName.Kind.OBJECT && parameterPath.startsWith(m.objectPath())) {
                return true;
            }
        }
        return false;
    }

    /** Does it cover instance {@code instancePath} of table {@code tablePath}? */
    static boolean confirmInstance(List<Resolved> resolved, String instancePath, String tablePath) {
        for (Resolved m : resolved) {
            if (m.kind() == PathName.Kind.OBJECT
                    && (m.wholeTable() ? m.objectPath().equals(tablePath) : m.objectPath().equals(instancePath))) {
                return true;
            }
        }
        return false;
    }

    /** Does it cover command or event {@code member} of {@code objectPath}? */
    static boolean confirmMember(List<Resolved> resolved, PathName.Kind kind, String objectPath, String member) {
        for (Resolved m : resolved) {
            if (m.kind() == kind && m.objectPath().equals(objectPath) && m.member().equals(member)
                    || m.kind() == PathName.Kind.OBJECT && objectPath.startsWith(m.objectPath())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reference r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
