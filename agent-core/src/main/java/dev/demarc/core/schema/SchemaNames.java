package dev.demarc.core.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks shared by the schema records: names as TR-106 spells them. */
final class SchemaNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern RELATIVE_NAME = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*(\\.(\\{i\\}|[A-Za-z_][A-Za-z0-9_]*))*\\.?");

    private SchemaNames() {
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a data model name: " + name);
        }
    }

    /** Argument names may be relative paths such as {@code Result.{i}.Status}. */
    static void requireRelativeName(String name) {
        if (name == null || !RELATIVE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a data model argument name: " + name);
        }
    }

    static void requireDistinct(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException(what + ": " + n + " defined twice");
            }
        }
    }
}
