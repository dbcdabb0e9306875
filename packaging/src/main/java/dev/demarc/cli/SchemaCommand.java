package dev.demarc.cli;

import dev.demarc.core.schema.SchemaExport;
import dev.demarc.core.schema.SchemaExport.Flavor;
import dev.demarc.core.schema.SchemaExport.Item;
import dev.demarc.core.Result;
import dev.demarc.core.schema.Schema;
import dev.demarc.hal.Platforms;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code demarc schema}: the TR-181 data model this build of the agent serves, as a listing or
 * as the JSON that the Broadband Forum checker ({@code dmtool.py check}) reads. Needs no running
 * agent.
 */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Print the TR-181 data model this agent supports: one line per object, parameter, command "
                    + "and event (kind, path, type, access).",
            "Needs no running agent."
        })
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON in the input format of dmtool.py check.")
    boolean json;

    @Option(names = "--flavor", paramLabel = "usp|cwmp", converter = FlavorConverter.class,
            completionCandidates = FlavorCandidates.class,
            description = "Protocol view of the data model (default: ${DEFAULT-VALUE}). CWMP is not implemented yet.",
            defaultValue = "usp")
    Flavor flavor = Flavor.USP;

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "The model served on this platform (openwrt, linux, simulated:FILE, auto): parameters "
                    + "whose writes it cannot apply are read-only. Default: the full model, as on a platform "
                    + "that applies every write.")
    String platformSpec;

    @Override
    public Integer call() {
        Schema schema = Tr181Model.schema();
        if (platformSpec != null) {
            Result<Platform> opened = Platforms.open(platformSpec);
            if (!opened.isOk()) {
                throw new ParameterException(spec.commandLine(), opened.error().message());
            }
            try (Platform platform = opened.value()) {
                schema = Tr181Model.schema(platform);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(SchemaExport.toDmtoolJson(schema, flavor));
        } else {
            printListing(out, SchemaExport.items(schema, flavor));
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void printListing(PrintWriter out, List<Item> items) {
        int kindWidth = 0;
        int pathWidth = 0;
        int typeWidth = 0;
        for (Item item : items) {
            kindWidth = Math.max(kindWidth, item.kind().length());
            pathWidth = Math.max(pathWidth, item.path().length());
            typeWidth = Math.max(typeWidth, type(item).length());
        }
        String format = "%-" + kindWidth + "s  %-" + pathWidth + "s  %-" + typeWidth + "s  %s%n";
        for (Item item : items) {
            out.printf(format, item.kind(), item.path(), type(item), access(item));
        }
    }

    private static String type(Item item) {
        if (item instanceof SchemaExport.ParameterItem p) {
            return p.type();
        }
        if (item instanceof SchemaExport.ObjectItem o) {
            return o.table() ? "table" : "single";
        }
        return "-";
    }

    private static String access(Item item) {
        if (item instanceof SchemaExport.ParameterItem p) {
            return p.access();
        }
        if (item instanceof SchemaExport.ObjectItem o) {
            return o.access();
        }
        if (item instanceof SchemaExport.CommandItem c) {
            return c.async() ? "async" : "sync";
        }
        return "-";
    }

    /** {@code usp} or {@code cwmp}, any case; anything else is a usage error. */
    static final class FlavorConverter implements ITypeConverter<Flavor> {
        @Override
        public Flavor convert(String value) {
            return Flavor.fromName(value).orElseThrow(
                    () -> new TypeConversionException("'" + value + "' is not a flavor: use usp or cwmp"));
        }
    }

    static final class FlavorCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(Flavor.values()).stream().map(Flavor::jsonName).iterator();
        }
    }
}
