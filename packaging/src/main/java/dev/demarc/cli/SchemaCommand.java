package dev.demarc.cli;

import dev.demarc.core.schema.SchemaExport;
import dev.demarc.core.schema.SchemaExport.Flavor;
import dev.demarc.core.schema.SchemaExport.Item;
import dev.demarc.core.Result;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspMsg.GetSupportedDMResp;
import dev.demarc.hal.Platforms;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code demarc schema}: the TR-181 data model the running agent supports, as its GetSupportedDM
 * answers it to the {@code demarc} commands' controller (so within that controller's role), as a
 * listing or as the JSON that the Broadband Forum checker ({@code dmtool.py check}) reads. With
 * {@code --built-in}, the data model this build serves, with TR-106's named types and
 * {@code writeOnceReadOnly}, which USP does not carry; that needs no running agent and is what CI
 * checks.
 */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Print the TR-181 data model the running agent supports (USP GetSupportedDM): one line per object, "
                    + "parameter, command and event (kind, path, type, access).",
            "With --built-in, the data model of this build, with TR-106 named types; needs no running agent.",
            "Exit codes: 0 done, 1 the agent reported an error, 2 usage error, 3 no agent reachable."
        })
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions agent = new AgentOptions();

    @Parameters(paramLabel = "OBJECT", arity = "0..*",
            description = "Objects whose supported tree to print (default: Device.).")
    List<String> objects = new ArrayList<>();

    @Option(names = "--built-in", description = "The data model of this build, not of the running agent.")
    boolean builtIn;

    @Option(names = "--flavor", paramLabel = "usp|cwmp", converter = FlavorConverter.class,
            completionCandidates = FlavorCandidates.class,
            description = "Protocol view of the data model (default: ${DEFAULT-VALUE}). CWMP is not implemented yet.",
            defaultValue = "usp")
    Flavor flavor = Flavor.USP;

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "With --built-in (which it implies): the model served on this platform (openwrt, linux, "
                    + "simulated:FILE, auto): parameters whose writes it cannot apply are read-only. Default: the full "
                    + "model, as on a platform that applies every write.")
    String platformSpec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Item> items;
        if (builtIn || platformSpec != null) {
            if (!objects.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--built-in prints the whole data model: give no OBJECT");
            }
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
            items = SchemaExport.items(schema, flavor);
        } else {
            if (flavor != Flavor.USP) {
                // the same message as the built-in export gives
                SchemaExport.items(Tr181Model.schema(), flavor);
            }
            try (AgentClient client = AgentClient.connect(agent)) {
                items = fromAgent(client, objects.isEmpty() ? List.of("Device.") : objects);
            } catch (CliFailure e) {
                if (e.getExitCode() != CliFailure.UNREACHABLE) {
                    throw e;
                }
                throw new CliFailure(CliFailure.UNREACHABLE, e.getMessage() + "; 'demarc schema --built-in' prints the"
                        + " data model of this build without an agent");
            }
        }
        if (agent.json) {
            out.print(SchemaExport.toDmtoolJson(items, flavor));
        } else {
            printListing(out, items);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The items of the agent's GetSupportedDM of {@code paths}, objects in its order, each followed by its members. */
    static List<Item> fromAgent(AgentClient client, List<String> paths) {
        GetSupportedDMResp resp = AgentCall.response(client.call(UspMsg.Header.MsgType.GET_SUPPORTED_DM,
                UspMsg.Request.newBuilder().setGetSupportedDm(UspMsg.GetSupportedDM.newBuilder()
                        .addAllObjPaths(paths).setReturnCommands(true).setReturnEvents(true).setReturnParams(true)
                        .setReturnUniqueKeySets(true)).build())).getGetSupportedDmResp();
        List<Item> items = new ArrayList<>();
        for (GetSupportedDMResp.RequestedObjectResult r : resp.getReqObjResultsList()) {
            if (r.getErrCode() != 0) {
                throw CliFailure.agentError(r.getReqObjPath(), r.getErrCode(), r.getErrMsg());
            }
            for (GetSupportedDMResp.SupportedObjectResult o : r.getSupportedObjsList()) {
                String path = o.getSupportedObjPath();
                items.add(new SchemaExport.ObjectItem(path, o.getIsMultiInstance(),
                        o.getAccess() == GetSupportedDMResp.ObjAccessType.OBJ_READ_ONLY ? "readOnly" : "readWrite"));
                for (GetSupportedDMResp.SupportedParamResult p : o.getSupportedParamsList()) {
                    items.add(new SchemaExport.ParameterItem(path + p.getParamName(), typeName(p.getValueType()),
                            switch (p.getAccess()) {
                                case PARAM_READ_WRITE -> "readWrite";
                                case PARAM_WRITE_ONLY -> "writeOnly";
                                default -> "readOnly";
                            }));
                }
                for (GetSupportedDMResp.SupportedCommandResult c : o.getSupportedCommandsList()) {
                    items.add(new SchemaExport.CommandItem(path + c.getCommandName(),
                            c.getCommandType() == GetSupportedDMResp.CmdType.CMD_ASYNC, c.getInputArgNamesList(),
                            c.getOutputArgNamesList()));
                }
                for (GetSupportedDMResp.SupportedEventResult e : o.getSupportedEventsList()) {
                    items.add(new SchemaExport.EventItem(path + e.getEventName(), e.getArgNamesList()));
                }
            }
        }
        return items;
    }

    /** TR-106's name of a USP value type. */
    static String typeName(GetSupportedDMResp.ParamValueType t) {
        return switch (t) {
            case PARAM_BASE_64 -> "base64";
            case PARAM_BOOLEAN -> "boolean";
            case PARAM_DATE_TIME -> "dateTime";
            case PARAM_DECIMAL -> "decimal";
            case PARAM_HEX_BINARY -> "hexBinary";
            case PARAM_INT -> "int";
            case PARAM_LONG -> "long";
            case PARAM_STRING -> "string";
            case PARAM_UNSIGNED_INT -> "unsignedInt";
            case PARAM_UNSIGNED_LONG -> "unsignedLong";
            default -> "unknown";
        };
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
