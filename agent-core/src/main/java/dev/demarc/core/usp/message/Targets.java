package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Resolution;
import dev.demarc.core.model.Resolved;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.schema.ObjectDef;
import java.util.ArrayList;
import java.util.List;

/**
 * What the object path of an Add, Set or Delete addresses in the instantiated data model. A
 * path that is not a search and addresses nothing that exists is an error for Set (7016) and an
 * empty success for Delete (R-DEL.2a); a search that matches nothing is an empty success
 * (R-MSG.4a).
 */
final class Targets {

    /** One addressed object or table, with its definition. */
    record Target(String path, ObjectDef object) {
    }

    /** The targets, and whether the path searched. */
    record Found(List<Target> targets, boolean search) {
        Found {
            targets = List.copyOf(targets);
        }
    }

    private Targets() {
    }

    private static Result<Resolution> resolveObjectPath(DataModel model, String path) {
        Result<PathName> parsed = PathParser.parse(path);
        if (!parsed.isOk()) {
            return Result.err(parsed.error());
        }
        if (parsed.value().kind() != PathName.Kind.OBJECT) {
            return Result.err(DmError.at(path, ErrorCode.INVALID_PATH, "not an object path (an object path ends with a dot)"));
        }
        return model.resolve(parsed.value());
    }

    /** Objects and instances to update (Set): not a table itself. */
    static Result<Found> objects(DataModel model, String path) {
        Result<Resolution> r = resolveObjectPath(model, path);
        if (!r.isOk()) {
            return Result.err(r.error());
        }
        List<Target> out = new ArrayList<>();
        for (Resolved m : r.value().matches()) {
            if (m.wholeTable()) {
                return Result.err(DmError.at(path, ErrorCode.INVALID_PATH, m.objectPath()
                        + " is a table: address its instances (" + m.objectPath() + "1. or " + m.objectPath() + "*.)"));
            }
            out.add(new Target(m.objectPath(), m.object()));
        }
        if (out.isEmpty() && !r.value().search()) {
            return Result.err(DmError.at(path, ErrorCode.OBJECT_DOES_NOT_EXIST, "no such object in this agent"));
        }
        return Result.ok(new Found(out, r.value().search()));
    }

    /** Tables to add an instance to (Add). */
    static Result<Found> tables(DataModel model, String path) {
        Result<Resolution> r = resolveObjectPath(model, path);
        if (!r.isOk()) {
            return Result.err(r.error());
        }
        List<Target> out = new ArrayList<>();
        for (Resolved m : r.value().matches()) {
            if (!m.wholeTable()) {
                return Result.err(DmError.at(path, ErrorCode.NOT_A_TABLE, m.objectPath()
                        + " is not a table: an Add names a table, e.g. Device.LocalAgent.Subscription."));
            }
            out.add(new Target(m.objectPath(), m.object()));
        }
        if (out.isEmpty() && !r.value().search()) {
            return Result.err(DmError.at(path, ErrorCode.OBJECT_DOES_NOT_EXIST, "no such object in this agent"));
        }
        return Result.ok(new Found(out, r.value().search()));
    }

    /** Table instances to delete (Delete); none found is not an error. */
    static Result<Found> instances(DataModel model, String path) {
        Result<Resolution> r = resolveObjectPath(model, path);
        if (!r.isOk()) {
            return Result.err(r.error());
        }
        List<Target> out = new ArrayList<>();
        for (Resolved m : r.value().matches()) {
            if (m.wholeTable()) {
                return Result.err(DmError.at(path, ErrorCode.INVALID_ARGUMENTS, m.objectPath()
                        + " is a table: a Delete names instances (" + m.objectPath() + "1. or " + m.objectPath() + "*.)"));
            }
            if (!m.object().table()) {
                return Result.err(DmError.at(path, ErrorCode.NOT_A_TABLE, m.objectPath()
                        + " is not a table instance and cannot be deleted"));
            }
            out.add(new Target(m.objectPath(), m.object()));
        }
        return Result.ok(new Found(out, r.value().search()));
    }

    /**
     * True when {@code path} holds a search expression or wildcard and addresses nothing now:
     * TP-469 (1.83) takes unique-key addressing that matches no instance as a search that found
     * nothing, an empty success, where the engine calls it an object that does not exist.
     */
    static boolean searchedAndFoundNothing(DataModel model, String path) {
        Result<PathName> parsed = PathParser.parse(path);
        if (!parsed.isOk() || !parsed.value().hasSearchOrFollow()) {
            return false;
        }
        Result<Resolution> r = model.resolve(parsed.value());
        return r.isOk() && r.value().matches().isEmpty();
    }

    /** The one of {@code objects} whose path is the longest prefix of {@code path}, if any. */
    static String owner(List<Target> objects, String path) {
        String best = null;
        for (Target t : objects) {
            if (path.startsWith(t.path()) && (best == null || t.path().length() > best.length())) {
                best = t.path();
            }
        }
        return best;
    }
}
