package dev.demarc.hal.openwrt.wifi;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One uci configuration file ({@code /etc/config/wireless}) parsed as uci reads it: sections
 * ({@code config <type> ['<name>']}) with options ({@code option <name> '<value>'}) and lists
 * ({@code list <name> '<value>'}), values bare, single- or double-quoted, {@code #} comments.
 * An anonymous section is named as uci addresses it, {@code @<type>[<n>]}, n counted per type
 * from 0. Immutable. Options may hold secrets (a Wi-Fi key): {@link #toString} and the
 * sections' show names only.
 */
public final class UciConfig {

    /** The most sections read from one file. */
    public static final int MAX_SECTIONS = 1024;

    /** One section: its type, its name (or {@code @type[n]}), whether it had one, its options. */
    public static final class Section {
        private final String type;
        private final String name;
        private final boolean named;
        private final Map<String, String> options;
        private final Map<String, List<String>> lists;

        Section(String type, String name, boolean named, Map<String, String> options,
                Map<String, List<String>> lists) {
            this.type = type;
            this.name = name;
            this.named = named;
            this.options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
            Map<String, List<String>> l = new LinkedHashMap<>();
            lists.forEach((k, v) -> l.put(k, List.copyOf(v)));
            this.lists = java.util.Collections.unmodifiableMap(l);
        }

        public String type() {
            return type;
        }

        /** The name uci addresses it by: its own, or {@code @type[n]} when anonymous. */
        public String name() {
            return name;
        }

        public boolean named() {
            return named;
        }

        public Optional<String> option(String option) {
            return Optional.ofNullable(options.get(option));
        }

        public String option(String option, String otherwise) {
            return options.getOrDefault(option, otherwise);
        }

        /** Whether a boolean option is on ({@code 1}, {@code on}, {@code true}, {@code yes}, {@code enabled}). */
        public boolean flag(String option, boolean otherwise) {
            String v = options.get(option);
            if (v == null) {
                return otherwise;
            }
            return switch (v) {
                case "1", "on", "true", "yes", "enabled" -> true;
                case "0", "off", "false", "no", "disabled" -> false;
                default -> otherwise;
            };
        }

        public List<String> list(String option) {
            return lists.getOrDefault(option, List.of());
        }

        /** This section with {@code option} set to {@code value}, or removed when {@code value} is null. */
        public Section with(String option, String value) {
            Map<String, String> o = new LinkedHashMap<>(options);
            if (value == null) {
                o.remove(option);
            } else {
                o.put(option, value);
            }
            return new Section(type, name, named, o, lists);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Section s && type.equals(s.type) && name.equals(s.name) && named == s.named
                    && options.equals(s.options) && lists.equals(s.lists);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, name, options.keySet());
        }

        /** Type and name only: option values may be secrets. */
        @Override
        public String toString() {
            return "Section[" + type + " " + name + "]";
        }
    }

    private final List<Section> sections;

    private UciConfig(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** No sections: the file is absent. */
    public static final UciConfig EMPTY = new UciConfig(List.of());

    public List<Section> sections() {
        return sections;
    }

    /** The sections of {@code type}, in file order. */
    public List<Section> sections(String type) {
        return sections.stream().filter(s -> s.type.equals(type)).toList();
    }

    /** The section uci names {@code name}. */
    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** This configuration with {@code section}'s {@code option} set (or removed when {@code value} is null). */
    public UciConfig with(String section, String option, String value) {
        List<Section> out = new ArrayList<>(sections.size());
        for (Section s : sections) {
            out.add(s.name.equals(section) ? s.with(option, value) : s);
        }
        return new UciConfig(out);
    }

    /**
     * Parses a uci file. A line uci would refuse (an option outside a section, an unclosed quote,
     * an unknown keyword) is an error naming its line; {@code source} names the file.
     */
    public static Result<UciConfig> parse(String source, String text) {
        List<Section> out = new ArrayList<>();
        Map<String, Integer> anonymous = new HashMap<>();
        String type = null;
        String name = null;
        boolean named = false;
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<String> words = words(lines[i]);
            if (words == null) {
                return Result.err(ErrorCode.INVALID_VALUE, source + ":" + (i + 1) + ": unclosed quote");
            }
            if (words.isEmpty()) {
                continue;
            }
            String keyword = words.get(0);
            if (keyword.equals("package")) {
                continue;
            }
            if (keyword.equals("config")) {
                if (type != null) {
                    out.add(new Section(type, name, named, options, lists));
                }
                if (words.size() < 2 || words.size() > 3) {
                    return Result.err(ErrorCode.INVALID_VALUE, source + ":" + (i + 1) + ": config <type> [<name>]");
                }
                if (out.size() >= MAX_SECTIONS) {
                    return Result.err(ErrorCode.INVALID_VALUE, source + ": more than " + MAX_SECTIONS + " sections");
                }
                type = words.get(1);
                named = words.size() == 3;
                if (named) {
                    name = words.get(2);
                } else {
                    int n = anonymous.merge(type, 1, Integer::sum) - 1;
                    name = "@" + type + "[" + n + "]";
                }
                options = new LinkedHashMap<>();
                lists = new LinkedHashMap<>();
                continue;
            }
            if (keyword.equals("option") || keyword.equals("list")) {
                if (type == null) {
                    return Result.err(ErrorCode.INVALID_VALUE, source + ":" + (i + 1) + ": " + keyword
                            + " outside a section");
                }
                if (words.size() != 3) {
                    return Result.err(ErrorCode.INVALID_VALUE, source + ":" + (i + 1) + ": " + keyword
                            + " <name> <value>");
                }
                if (keyword.equals("option")) {
                    options.put(words.get(1), words.get(2));
                } else {
                    lists.computeIfAbsent(words.get(1), k -> new ArrayList<>()).add(words.get(2));
                }
                continue;
            }
            return Result.err(ErrorCode.INVALID_VALUE, source + ":" + (i + 1) + ": unknown keyword");
        }
        if (type != null) {
            out.add(new Section(type, name, named, options, lists));
        }
        return Result.ok(new UciConfig(out));
    }

    /** The words of a line, quotes removed, up to a {@code #} outside quotes; null for an unclosed quote. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            return null;
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UciConfig c && sections.equals(c.sections);
    }

    @Override
    public int hashCode() {
        return sections.hashCode();
    }

    @Override
    public String toString() {
        return "UciConfig" + sections;
    }

    /**
     * {@code value} quoted for a uci batch line: in single quotes, a single quote written as
     * {@code '\''} (as {@code uci export} writes it).
     */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
