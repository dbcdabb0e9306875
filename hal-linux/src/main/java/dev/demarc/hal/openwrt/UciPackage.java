package dev.demarc.hal.openwrt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One uci configuration file ({@code /etc/config/firewall}), parsed: its sections in order, each
 * with its type, name and options. Immutable; the edits ({@link #with}, {@link #without}) give new
 * packages, which {@link UciApplier} turns into {@code uci} commands.
 *
 * <p>A section without a name in the file ({@code config redirect}) is <em>anonymous</em>: uci
 * addresses it by position ({@code firewall.@redirect[2]}). This class gives it an id of its own,
 * made from its type and content ({@code redirect_3fa81c02}, then {@code _2}, {@code _3} for
 * identical ones), stable while the section is not changed; a section the agent changes is then
 * named after that id, so that it keeps it.
 *
 * <p>The file syntax read: {@code config TYPE ['NAME']}, {@code option KEY 'VALUE'},
 * {@code list KEY 'VALUE'}, values quoted with {@code '} or {@code "} or bare (adjacent parts
 * join, as in {@code 'it'\''s'}), {@code #} comments, {@code package} lines (ignored). Lines it
 * cannot read are skipped. Bounded: {@link #MAX_SECTIONS} sections, {@link #MAX_OPTIONS} options
 * each, values of {@link #MAX_VALUE} characters.
 */
public record UciPackage(String name, List<Section> sections) {

    public static final int MAX_SECTIONS = 4096;
    public static final int MAX_OPTIONS = 256;
    public static final int MAX_VALUE = 4096;
    /** What uci accepts as a package, section, type or option name. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /** An option: one value, or a list of them. */
    public record Option(List<String> values, boolean list) {
        public Option {
            values = List.copyOf(values);
            if (!list && values.size() != 1) {
                throw new IllegalArgumentException("an option has one value");
            }
            for (String v : values) {
                if (v.length() > MAX_VALUE || v.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("not a uci value: " + v);
                }
            }
        }

        public static Option of(String value) {
            return new Option(List.of(value), false);
        }

        public static Option listOf(List<String> values) {
            return new Option(values, true);
        }

        /** The value of a single option, the first of a list. */
        public String first() {
            return values.isEmpty() ? "" : values.get(0);
        }
    }

    /**
     * A section.
     *
     * @param id        its name, or for an anonymous section the id this class gave it
     * @param type      its type ({@code redirect}, {@code dhcp}, {@code system})
     * @param anonymous whether uci knows it by position only
     * @param options   its options in file order
     */
    public record Section(String id, String type, boolean anonymous, Map<String, Option> options) {
        public Section {
            requireName("section", id);
            requireName("type", type);
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
            options.keySet().forEach(k -> requireName("option", k));
        }

        /** The value of a single option (the first of a list); empty when absent. */
        public Optional<String> get(String option) {
            Option o = options.get(option);
            return o == null ? Optional.empty() : Optional.of(o.first());
        }

        /** The values of an option, single or list; empty when absent. */
        public List<String> list(String option) {
            Option o = options.get(option);
            return o == null ? List.of() : o.values();
        }

        /** This section with {@code option} set ({@code null}: removed). */
        public Section with(String option, Option value) {
            Map<String, Option> next = new LinkedHashMap<>(options);
            if (value == null) {
                next.remove(option);
            } else {
                next.put(option, value);
            }
            return new Section(id, type, anonymous, next);
        }

        /** This section with a name in the file: uci knows it by its id from now on. */
        public Section named() {
            return new Section(id, type, false, options);
        }
    }

    public UciPackage {
        requireName("package", name);
        sections = List.copyOf(sections);
        Set<String> ids = new HashSet<>();
        for (Section s : sections) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("two sections named " + s.id());
            }
        }
    }

    static void requireName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a uci " + what + " name: '" + name + "'");
        }
    }

    public Optional<Section> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public List<Section> ofType(String type) {
        return sections.stream().filter(s -> s.type().equals(type)).toList();
    }

    /** This package with {@code section} put in the place of the one with its id, or added at the end. */
    public UciPackage with(Section section) {
        List<Section> next = new ArrayList<>(sections);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id().equals(section.id())) {
                next.set(i, section);
                return new UciPackage(name, next);
            }
        }
        next.add(section);
        return new UciPackage(name, next);
    }

    /** This package without the section {@code id}. */
    public UciPackage without(String id) {
        return new UciPackage(name, sections.stream().filter(s -> !s.id().equals(id)).toList());
    }

    /**
     * How uci addresses the section in this package: {@code firewall.wan} for a named one,
     * {@code firewall.@redirect[1]} for an anonymous one (by its position among the sections of
     * its type).
     */
    public String address(Section s) {
        if (!s.anonymous()) {
            return name + "." + s.id();
        }
        int index = 0;
        for (Section other : sections) {
            if (other.id().equals(s.id())) {
                return name + ".@" + s.type() + "[" + index + "]";
            }
            if (other.type().equals(s.type())) {
                index++;
            }
        }
        throw new IllegalArgumentException(s.id() + " is not in " + name);
    }

    /** Whether a section of this package has the id {@code id}. */
    public boolean has(String id) {
        return section(id).isPresent();
    }

    // ------------------------------------------------------------------ parsing

    /** Parses the text of {@code /etc/config/NAME}. Never fails: what it cannot read is skipped. */
    public static UciPackage parse(String name, String text) {
        List<String[]> raw = new ArrayList<>();
        List<Map<String, Option>> optionsOf = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            List<String> t = tokens(line);
            if (t.isEmpty()) {
                continue;
            }
            switch (t.get(0)) {
                case "config" -> {
                    if (t.size() >= 2 && raw.size() < MAX_SECTIONS && NAME.matcher(t.get(1)).matches()) {
                        String given = t.size() >= 3 && NAME.matcher(t.get(2)).matches() ? t.get(2) : null;
                        raw.add(new String[] {t.get(1), given});
                        optionsOf.add(new LinkedHashMap<>());
                    } else {
                        raw.add(null);
                        optionsOf.add(null);
                    }
                }
                case "option", "list" -> {
                    Map<String, Option> options = optionsOf.isEmpty() ? null : optionsOf.get(optionsOf.size() - 1);
                    if (options == null || t.size() < 3 || !NAME.matcher(t.get(1)).matches()
                            || t.get(2).length() > MAX_VALUE || options.size() >= MAX_OPTIONS && !options.containsKey(t.get(1))) {
                        continue;
                    }
                    if (t.get(0).equals("option")) {
                        options.put(t.get(1), Option.of(t.get(2)));
                    } else {
                        Option before = options.get(t.get(1));
                        List<String> values = new ArrayList<>(before != null && before.list() ? before.values() : List.of());
                        if (values.size() < MAX_OPTIONS) {
                            values.add(t.get(2));
                        }
                        options.put(t.get(1), Option.listOf(values));
                    }
                }
                default -> {
                    // "package NAME" and anything unknown.
                }
            }
        }
        List<Section> sections = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (String[] r : raw) {
            if (r != null && r[1] != null) {
                named.add(r[1]);
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        Set<String> taken = new HashSet<>(named);
        Map<String, Section> byName = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String[] r = raw.get(i);
            if (r == null) {
                continue;
            }
            Map<String, Option> options = optionsOf.get(i);
            if (r[1] != null) {
                // uci merges a section named twice: the later options win.
                Section before = byName.get(r[1]);
                if (before != null) {
                    Map<String, Option> merged = new LinkedHashMap<>(before.options());
                    merged.putAll(options);
                    Section again = new Section(r[1], r[0], false, merged);
                    byName.put(r[1], again);
                    sections.replaceAll(s -> s.id().equals(r[1]) ? again : s);
                    continue;
                }
                Section s = new Section(r[1], r[0], false, options);
                byName.put(r[1], s);
                sections.add(s);
            } else {
                String base = r[0].length() > 48 ? r[0].substring(0, 48) : r[0];
                String id = base + "_" + fingerprint(r[0], options);
                int n = seen.merge(id, 1, Integer::sum);
                String unique = n == 1 ? id : id + "_" + n;
                while (taken.contains(unique)) {
                    unique = unique + "_";
                }
                taken.add(unique);
                sections.add(new Section(unique, r[0], true, options));
            }
        }
        return new UciPackage(name, sections);
    }

    /** Eight hex digits of a digest of the section's type and options. */
    private static String fingerprint(String type, Map<String, Option> options) {
        StringBuilder content = new StringBuilder(type);
        options.forEach((k, o) -> content.append('\n').append(k).append(o.list() ? "[]=" : "=")
                .append(String.join("\u0000", o.values())));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The words of one line: quotes removed, escapes applied, a comment ends it. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder word = new StringBuilder();
            while (i < n) {
                c = line.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r') {
                    break;
                }
                if (c == '\'') {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        return out;
                    }
                    word.append(line, i + 1, end);
                    i = end + 1;
                } else if (c == '"') {
                    i++;
                    while (i < n && line.charAt(i) != '"') {
                        if (line.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        word.append(line.charAt(i));
                        i++;
                    }
                    if (i >= n) {
                        return out;
                    }
                    i++;
                } else if (c == '\\' && i + 1 < n) {
                    word.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    word.append(c);
                    i++;
                }
            }
            out.add(word.toString());
        }
        return out;
    }
}
