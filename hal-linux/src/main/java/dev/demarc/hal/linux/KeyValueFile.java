package dev.demarc.hal.linux;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shell-style {@code KEY=value} files: {@code /etc/os-release}, {@code /etc/openwrt_release}.
 * Values may be bare or quoted in {@code '...'} or {@code "..."} (with {@code \"}, {@code \\},
 * {@code \$} and {@code \`} escapes inside double quotes); comments and other lines are
 * skipped. Pure.
 */
public final class KeyValueFile {

    /** The most entries kept. */
    static final int MAX_ENTRIES = 256;

    private KeyValueFile() {
    }

    /** The entries of {@code text}, in order; a key given twice keeps its last value. */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq < 1) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            if (out.size() >= MAX_ENTRIES && !out.containsKey(key)) {
                break;
            }
            out.put(key, value(line.substring(eq + 1).strip()));
        }
        return out;
    }

    private static String value(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder b = new StringBuilder();
            String inner = v.substring(1, v.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length() && "\"\\$`".indexOf(inner.charAt(i + 1)) >= 0) {
                    c = inner.charAt(++i);
                }
                b.append(c);
            }
            return b.toString();
        }
        return v;
    }
}
