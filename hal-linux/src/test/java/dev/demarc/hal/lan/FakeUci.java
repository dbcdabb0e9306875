package dev.demarc.hal.lan;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.openwrt.UciPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the {@code uci} command does to {@code /etc/config/*} under a fixture tree, as far as the
 * agent uses it: {@code set}, {@code add_list}, {@code delete}, {@code rename} staged per package
 * (sections addressed by name or {@code @type[n]}), {@code commit} writing the file, {@code revert}
 * dropping the staged changes. Commands the tree has recordings of ({@code ip -j neigh},
 * {@code ubus call network.interface dump}) answer with them; others ({@code /etc/init.d/...
 * reload}) succeed with no output. Records every command
 * in order; fails those {@link #failWhen} matches. Thread-safe.
 */
final class FakeUci implements CommandRunner {

    private final Path root;
    private final FixtureCommands recordings;
    private final List<List<String>> log = new ArrayList<>();
    private final Map<String, UciPackage> staged = new HashMap<>();
    private Predicate<List<String>> failWhen = argv -> false;

    FakeUci(Path root) {
        this.root = root;
        this.recordings = new FixtureCommands(root);
    }

    synchronized void failWhen(Predicate<List<String>> predicate) {
        failWhen = predicate;
    }

    /** The commands run so far but those that read the device (those with recordings). */
    synchronized List<String> changes() {
        return log.stream().filter(a -> !Files.exists(root.resolve("commands").resolve(FixtureCommands.fileName(a))))
                .map(a -> String.join(" ", a)).toList();
    }

    synchronized void forget() {
        log.clear();
    }

    @Override
    public synchronized Result<String> run(List<String> argv) {
        log.add(List.copyOf(argv));
        if (failWhen.test(argv)) {
            return Result.err(ErrorCode.INTERNAL_ERROR, String.join(" ", argv) + ": exit status 1: Invalid argument");
        }
        if (java.nio.file.Files.exists(root.resolve("commands").resolve(FixtureCommands.fileName(argv)))) {
            return recordings.run(argv);
        }
        if (!argv.get(0).equals("uci")) {
            return Result.ok("");
        }
        try {
            return uci(argv.subList(1, argv.size()));
        } catch (RuntimeException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, "uci: " + e.getMessage());
        }
    }

    private Result<String> uci(List<String> args) {
        String verb = args.get(0);
        if (verb.equals("commit") || verb.equals("revert")) {
            UciPackage p = staged.remove(args.get(1));
            if (verb.equals("commit") && p != null) {
                write(p);
            }
            return Result.ok("");
        }
        String arg = args.get(1);
        int eq = arg.indexOf('=');
        String path = eq < 0 ? arg : arg.substring(0, eq);
        String value = eq < 0 ? null : arg.substring(eq + 1);
        String[] parts = path.split("\\.", 3);
        UciPackage p = staged.computeIfAbsent(parts[0], this::read);
        UciPackage.Section s = parts.length > 1 ? find(p, parts[1]) : null;
        switch (verb) {
            case "set" -> {
                if (parts.length == 2) {
                    if (s == null) {
                        p = p.with(new UciPackage.Section(parts[1], value, false, Map.of()));
                    }
                } else {
                    p = p.with(need(s, path).with(parts[2], UciPackage.Option.of(value)));
                }
            }
            case "add_list" -> {
                List<String> values = new ArrayList<>(need(s, path).list(parts[2]));
                values.add(value);
                p = p.with(s.with(parts[2], UciPackage.Option.listOf(values)));
            }
            case "delete" -> p = parts.length == 2 ? p.without(need(s, path).id()) : p.with(need(s, path).with(parts[2], null));
            case "rename" -> {
                UciPackage.Section renamed = new UciPackage.Section(value, need(s, path).type(), false, s.options());
                List<UciPackage.Section> sections = new ArrayList<>(p.sections());
                sections.replaceAll(x -> x.id().equals(s.id()) ? renamed : x);
                p = new UciPackage(p.name(), sections);
            }
            default -> throw new IllegalArgumentException("unknown verb " + verb);
        }
        staged.put(parts[0], p);
        return Result.ok("");
    }

    private static UciPackage.Section need(UciPackage.Section s, String path) {
        if (s == null) {
            throw new IllegalArgumentException("Entry not found: " + path);
        }
        return s;
    }

    /** A section by name ({@code wan}; anonymous sections have none uci knows) or by {@code @type[n]}. */
    private static UciPackage.Section find(UciPackage p, String address) {
        if (address.startsWith("@")) {
            String type = address.substring(1, address.indexOf('['));
            int n = Integer.parseInt(address.substring(address.indexOf('[') + 1, address.indexOf(']')));
            List<UciPackage.Section> ofType = p.ofType(type);
            return n < ofType.size() ? ofType.get(n) : null;
        }
        return p.section(address).filter(s -> !s.anonymous()).orElse(null);
    }

    private UciPackage read(String pkg) {
        try {
            return UciPackage.parse(pkg, Files.readString(file(pkg), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String pkg) {
        return root.resolve("etc/config").resolve(pkg);
    }

    /** Writes the package as uci would: anonymous sections without a name. */
    private void write(UciPackage p) {
        StringBuilder out = new StringBuilder();
        for (UciPackage.Section s : p.sections()) {
            out.append("\nconfig ").append(s.type());
            if (!s.anonymous()) {
                out.append(" '").append(s.id()).append('\'');
            }
            out.append('\n');
            s.options().forEach((name, o) -> {
                for (String v : o.values()) {
                    out.append('\t').append(o.list() ? "list " : "option ").append(name).append(" '")
                            .append(v.replace("'", "'\\''")).append("'\n");
                }
            });
        }
        try {
            Files.writeString(file(p.name()), out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
