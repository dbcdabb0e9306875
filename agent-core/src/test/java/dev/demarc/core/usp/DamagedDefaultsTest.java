package dev.demarc.core.usp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.defaults.FactoryDefaults;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.store.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Factory defaults files damaged in many ways, from a fixed seed: each either opens a data model
 * or is refused with a message naming the file (and the line, where one line is at fault), and a
 * refused file leaves nothing in the store. The cases one by one are in {@code
 * FactoryDefaultsTest}; this is what a person editing a defaults file by hand can get wrong.
 */
class DamagedDefaultsTest {

    private static final String FILE = "gateway.defaults";
    private static final Pattern NAMES_FILE_AND_LINE = Pattern.compile(Pattern.quote(FILE) + ":\\d+: .+", Pattern.DOTALL);
    /** Characters that slip into a line edited by hand. */
    private static final String STRAY = "\"=.*[]{}# \t\\\u00e9\u0000x";
    private static final Pattern NAMES_FILE = Pattern.compile(Pattern.quote(FILE) + ":(\\d+:)? .+", Pattern.DOTALL);

    @Test
    void damaged_defaults_open_or_are_refused_with_file_and_line_and_nothing_stored() {
        SplittableRandom random = new SplittableRandom(0x5eed_0003L);
        List<String> good = UspFixture.DEFAULTS.stream().map(l -> l.replaceFirst("=", " = ")).toList();
        int opened = 0;
        int refused = 0;
        for (int round = 0; round < 2_000; round++) {
            String text = String.join("\n", damage(good, random)) + "\n";
            Result<List<Assignment>> parsed = FactoryDefaults.parse(FILE, text);
            if (!parsed.isOk()) {
                assertTrue(NAMES_FILE_AND_LINE.matcher(parsed.error().message()).matches(),
                        () -> "round " + text + "\n-> " + parsed.error().message());
                refused++;
                continue;
            }
            InMemoryStore store = new InMemoryStore();
            Result<DataModel> model = DataModel.open(UspFixture.SCHEMA, Bindings.none(), store, true,
                    parsed.value(), FILE);
            if (model.isOk()) {
                opened++;
            } else {
                assertTrue(NAMES_FILE.matcher(model.error().message()).matches(),
                        () -> text + "\n-> " + model.error().message());
                assertEquals(Map.of(), store.snapshot(), () -> "a refused file stored something:\n" + text);
                refused++;
            }
        }
        assertTrue(opened > 100 && refused > 100, "opened " + opened + ", refused " + refused);
    }

    /** {@code lines} with one to three of the mistakes of a file edited by hand. */
    private static List<String> damage(List<String> lines, SplittableRandom random) {
        List<String> out = new ArrayList<>(lines);
        int times = 1 + random.nextInt(3);
        for (int t = 0; t < times && !out.isEmpty(); t++) {
            int at = random.nextInt(out.size());
            String line = out.get(at);
            int pos = line.isEmpty() ? 0 : random.nextInt(line.length());
            switch (random.nextInt(8)) {
                case 0 -> out.set(at, line.substring(0, pos) + line.substring(Math.min(line.length(), pos + 1)));
                case 1 -> out.set(at, line.substring(0, pos) + STRAY.charAt(random.nextInt(STRAY.length()))
                        + line.substring(pos));
                case 2 -> out.add(at, line);                                      // the same path twice
                case 3 -> out.remove(at);                                         // a line lost
                case 4 -> {                                                       // a value from another line
                    String other = out.get(random.nextInt(out.size()));
                    int eq = line.indexOf('=');
                    int otherEq = other.indexOf('=');
                    if (eq > 0 && otherEq > 0) {
                        out.set(at, line.substring(0, eq) + other.substring(otherEq));
                    }
                }
                case 5 -> out.set(at, line.replaceFirst("\\.(\\d+)\\.", "." + random.nextInt(4) + "."));  // instance numbers
                case 6 -> out.set(at, line.substring(0, pos));                   // cut short
                default -> out.set(at, "# " + line);                              // commented out
            }
        }
        return out;
    }
}
