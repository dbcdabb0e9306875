package dev.demarc.hal.wifi;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.PlatformChanges;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.WiFiPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The TR-181 model on the real engine with a platform's Wi-Fi, as the agent opens it: the
 * schema served on the platform, its bindings, an in-memory store. Platform pushes are queued
 * ({@link #changes}) and handed to the model by the test's thread ({@link #applyPushes}), as the
 * agent hands them to its owner thread.
 */
public final class WiFiModels {

    public final InMemoryStore store = new InMemoryStore();
    public final LinkedBlockingQueue<String> pushed = new LinkedBlockingQueue<>();
    public final PlatformChanges changes = pushed::add;
    public final DataModel model;
    public final List<ModelEvent> events = new ArrayList<>();

    public WiFiModels(Platform platform) {
        Schema schema = Tr181Model.schema(platform);
        LocalAgentInfo agent = new LocalAgentInfo("os::00D09E-SN1234", "0.1.0", () -> 0L, List.of());
        Result<DataModel> opened = DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent,
                new MtpStatusRegistry(), changes), store, true, List.of(), "test");
        if (!opened.isOk()) {
            throw new AssertionError(opened.error().toString());
        }
        model = opened.value();
        model.addListener(events::addAll);
    }

    /** A platform of only this Wi-Fi. */
    public static Platform platformOf(WiFiPlatform wifi) {
        StaticDeviceInfo info = new StaticDeviceInfo(DeviceIdentity.unknown());
        return new Platform() {
            @Override
            public String name() {
                return "wifi-test";
            }

            @Override
            public dev.demarc.tr181.platform.DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public WiFiPlatform wifi() {
                return wifi;
            }
        };
    }

    public String read(String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    /** Sets parameters in one transaction, as a controller's Set would. */
    public Optional<DmError> set(Map<String, String> values) {
        Transaction tx = model.begin();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Optional<DmError> failed = tx.set(e.getKey(), e.getValue());
            if (failed.isPresent()) {
                tx.rollback();
                return failed;
            }
        }
        Result<?> committed = tx.commit();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    public Optional<DmError> set(String path, String value) {
        return set(Map.of(path, value));
    }

    /**
     * Waits for the platform to push a change (up to 20 s) and hands every queued one to the
     * model, as the agent's owner thread would; answers the paths pushed.
     */
    public List<String> applyPushes() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        String first = pushed.poll(20, TimeUnit.SECONDS);
        if (first == null) {
            return paths;
        }
        paths.add(first);
        pushed.drainTo(paths);
        paths.forEach(model::platformChanged);
        return paths;
    }
}
