package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The TR-181 model on the real engine and an in-memory store, with the helpers the object tests share. */
final class ModelFixture {

    static final String DEFAULTS_NAME = "test.defaults";

    private static final DeviceIdentity IDENTITY = new DeviceIdentity("Acme", "00D09E", "Gateway 9",
            "A home gateway", "HGW", "SN1234", "rev B", "1.0.3");

    final InMemoryStore store = new InMemoryStore();
    private final StaticDeviceInfo platform = new StaticDeviceInfo(IDENTITY, "2025-04-23T10:00:00Z", () -> 0L);
    private final LocalAgentInfo agent = new LocalAgentInfo("os::00D09E-SN1234", "0.1.0", () -> 0L, List.of());
    /** The live values of the MTPs, as the running agent would keep them. */
    final MtpStatusRegistry mtpStatus = new MtpStatusRegistry();
    /** The agent's log level as the model reads and sets it; replace before opening. */
    LogLevelControl logLevel = LogLevelControl.fixed("Info", "the level is fixed in this test");

    /** Opens the model on the fixture's fresh store with exactly these factory defaults. */
    DataModel open(List<Assignment> defaults) {
        Result<DataModel> r = tryOpen(defaults);
        if (!r.isOk()) {
            throw new AssertionError(r.error().toString());
        }
        return r.value();
    }

    Result<DataModel> tryOpen(List<Assignment> defaults) {
        Schema schema = Tr181Model.schema();
        return DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent, mtpStatus, logLevel), store,
                true, defaults, DEFAULTS_NAME);
    }

    /** The model as a restarted agent sees it: a copy of what is stored now, not fresh. */
    DataModel reopen() {
        Schema schema = Tr181Model.schema();
        return DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent, mtpStatus, logLevel),
                new InMemoryStore(store.snapshot()), false, List.of(), DEFAULTS_NAME).value();
    }

    /** Factory-defaults lines numbered from 1: path, value, path, value... */
    static List<Assignment> lines(String... pathsAndValues) {
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i + 1 < pathsAndValues.length; i += 2) {
            out.add(new Assignment(pathsAndValues[i], pathsAndValues[i + 1], out.size() + 1));
        }
        return out;
    }

    static String read(DataModel model, String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    /** Sets one parameter in its own transaction, as a controller's Set would. */
    static Optional<DmError> setOne(DataModel model, String path, String value) {
        Transaction tx = model.begin();
        Optional<DmError> e = tx.set(path, value);
        if (e.isPresent()) {
            tx.rollback();
            return e;
        }
        Result<?> committed = tx.commit();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    /** Adds one instance in its own transaction, as a controller's Add would; the new path or the error. */
    static Result<String> addOne(DataModel model, String table, Map<String, String> values) {
        Transaction tx = model.begin();
        Result<String> added = tx.add(table, values);
        if (!added.isOk()) {
            tx.rollback();
            return added;
        }
        Result<List<ModelEvent>> committed = tx.commit();
        return committed.isOk() ? added : Result.err(committed.error());
    }

    /** Deletes one instance in its own transaction, as a controller's Delete would. */
    static Optional<DmError> deleteOne(DataModel model, String instance) {
        Transaction tx = model.begin();
        Optional<DmError> e = tx.delete(instance);
        if (e.isPresent()) {
            tx.rollback();
            return e;
        }
        Result<?> committed = tx.commit();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    /** "ok", or the TR-369 error code as digits: how the parameterized tests state outcomes. */
    static String outcome(Optional<DmError> e) {
        return e.map(x -> Integer.toString(x.code().code())).orElse("ok");
    }

    static String outcome(Result<?> r) {
        return r.isOk() ? "ok" : Integer.toString(r.error().code().code());
    }
}
