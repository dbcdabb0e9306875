package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code Device.UnixDomainSockets.} of TR-181 Device:2.19: the Unix domain sockets the agent's UDS
 * MTPs use ({@code UnixDomainSocket.{i}.} with {@code Mode} Listen or Connect and {@code Path}),
 * which {@code Device.LocalAgent.MTP.{i}.UDS.UnixDomainSocketRef} and
 * {@code Device.LocalAgent.Controller.{i}.MTP.{i}.UDS.UnixDomainSocketRef} name.
 *
 * <p>The table is read-only to controllers (no Add or Delete, as the standard has it): its rows are
 * the sockets the running agent was given ({@code demarc agent --control-socket}), read from
 * {@link MtpStatusRegistry#unixDomainSockets()}, one row per socket, keyed by what the socket is
 * for (its name, e.g. {@code control}), so that it keeps its instance number across restarts even
 * when its path changes. {@code Path} is unique, as the standard says.
 */
public final class UnixDomainSocketsObject {

    public static final String PATH = "Device.UnixDomainSockets.";
    public static final String TABLE = PATH + "UnixDomainSocket.{i}.";
    /** The standard's bound on {@code Path}. */
    public static final int MAX_PATH_LENGTH = 4096;
    /** Demarc's bound on the rows. */
    public static final int MAX_SOCKETS = 8;

    private UnixDomainSocketsObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.single("UnixDomainSockets")
                .tableWithCount(ObjectDef.table("UnixDomainSocket").maxEntries(MAX_SOCKETS)
                        .uniqueKey("Alias")
                        .uniqueKey("Path")
                        .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                        .param(ParameterDef.readOnly("Mode", ValueType.string().enumeration(
                                MtpStatusRegistry.UDS_LISTEN, MtpStatusRegistry.UDS_CONNECT)))
                        .param(ParameterDef.readOnly("Path", ValueType.string().maxLength(MAX_PATH_LENGTH))));
    }

    /** Binds the table's rows to {@code status}'s sockets, read at each access (on the owner thread). */
    static void bind(Bindings.Builder bindings, MtpStatusRegistry status) {
        bindings.table(TABLE, SnapshotRows.of(status::unixDomainSockets, UnixDomainSocketsObject::rows), Duration.ZERO);
    }

    private static List<TableProvider.Row> rows(List<MtpStatusRegistry.UnixDomainSocket> sockets) {
        return sockets.stream()
                .map(s -> new TableProvider.Row(s.name(), Map.of("Mode", s.mode(), "Path", s.path())))
                .toList();
    }
}
