package dev.demarc.hal.openwrt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One uci configuration file ({@code /etc/config/network}) as its sections: pure parsing of the
 * file's text, for reading; writes go through the {@code uci} command. Understands
 * {@code config <type> ['<name>']}, {@code option <name> '<value>'} and {@code list <name>
 * '<value>'}, with values quoted in single or double quotes or bare; comments and blank lines
 * are skipped. An unnamed section is named as uci does, {@code @<type>[<n>]}. At most
 * {@link #MAX_SECTIONS} sections are read.
 */
public final class UciConfig {

    /** The most sections read from one file. */
    public static final int MAX_SECTIONS = 1024;

    /**
     * A section: its type, name, options (the last value of each) and lists.
     */
    public record Section(String type, String name, Map<String, String> options, Map<String, List<String>> lists) {
        public Section {
            options = Map.copyOf(options);
            Map<String, List<String>> copy = new LinkedHashMap<>();
            lists.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            lists = java.util.Collections.unmodifiableMap(copy);
        }

        public Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
        }

        /** A boolean option as uci reads them ({@code 1}, {@code yes}, {@code on}, {@code true}, {@code enabled}). */
        public Optional<Boolean> bool(String name) {
            return option(name).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "1", "yes", "on", "true", "enabled" -> true;
                default -> false;
            });
        }

        public List<String> list(String name) {
            return lists.getOrDefault(name, List.of());
        }
    }

    private final List<Section> sections;

    private UciConfig(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** The sections of the file's text; an empty text has none. */
    public static UciConfig parse(String text) {
        List<Section> out = new ArrayList<>();
        Map<String, Integer> countByType = new LinkedHashMap<>();
        String type = null;
        String name = null;
        Map<String, String> options = null;
        Map<String, List<String>> lists = null;
        for (String raw : text.split("\n", -1)) {
            List<String> words = words(raw);
            if (words.isEmpty()) {
                continue;
            }
            switch (words.get(0)) {
                case "config" -> {
                    if (type != null && out.size() < MAX_SECTIONS) {
                        out.add(new Section(type, name, options, lists));
                    }
                    type = words.size() > 1 ? words.get(1) : "";
                    int n = countByType.merge(type, 1, Integer::sum) - 1;
                    name = words.size() > 2 ? words.get(2) : "@" + type + "[" + n + "]";
                    options = new LinkedHashMap<>();
                    lists = new LinkedHashMap<>();
                }
                case "option" -> {
                    if (options != null && words.size() > 2) {
                        options.put(words.get(1), words.get(2));
                    }
                }
                case "list" -> {
                    if (lists != null && words.size() > 2) {
                        lists.computeIfAbsent(words.get(1), k -> new ArrayList<>()).add(words.get(2));
                    }
                }
                default -> {
                    // not uci syntax this parser knows: skipped
                }
            }
        }
        if (type != null && out.size() < MAX_SECTIONS) {
            out.add(new Section(type, name, options, lists));
        }
        return new UciConfig(out);
    }

    /** Splits a line into words, honouring quotes; from a {@code #} outside quotes on is a comment. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) {
                    word = new StringBuilder();
                }
            } else if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    public List<Section> sections() {
        return sections;
    }

    /** The section with this name. */
    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The sections of this type, in file order. */
    public List<Section> ofType(String type) {
        return sections.stream().filter(s -> s.type().equals(type)).toList();
    }
}
