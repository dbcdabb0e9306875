package dev.demarc.hal.net;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The TR-181 model on a platform, on the real engine and an in-memory store, as the running
 * agent opens it. The platform's pushes are queued as the agent queues them for its owner
 * thread, and applied on the test's thread by {@link #applyPushes()} or {@link #awaitEvent}; the
 * events the model publishes are collected.
 */
final class NetworkModel {

    final Platform platform;
    final DataModel model;
    final UspCommands commands;
    private final LinkedBlockingQueue<String> pushes = new LinkedBlockingQueue<>();
    private final List<ModelEvent> events = new ArrayList<>();

    NetworkModel(Platform platform) {
        this.platform = platform;
        Schema schema = Tr181Model.schema(platform);
        LocalAgentInfo agent = new LocalAgentInfo("os::012345-TEST", "0.1.0", () -> 0L, List.of("MQTT"));
        Result<DataModel> opened = DataModel.open(schema,
                Tr181Model.bindings(schema, platform, () -> agent, new MtpStatusRegistry(), pushes::add),
                new InMemoryStore(), true, List.of(), "test");
        if (!opened.isOk()) {
            throw new AssertionError(opened.error().toString());
        }
        model = opened.value();
        model.addListener(events::addAll);
        commands = Tr181Model.commands(platform);
    }

    String read(String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    /** The one path {@code path} (with a search expression) resolves to, e.g. the instance of wan. */
    String one(String path) {
        var matches = model.resolve(path).value().matches();
        if (matches.size() != 1) {
            throw new AssertionError(path + " resolves to " + matches.size() + " paths");
        }
        return matches.get(0).path();
    }

    /** Sets the values (path, value, path, value...) in one transaction, as a controller's Set would. */
    Optional<dev.demarc.core.DmError> set(String... pathsAndValues) {
        Transaction tx = model.begin();
        for (int i = 0; i + 1 < pathsAndValues.length; i += 2) {
            Optional<dev.demarc.core.DmError> e = tx.set(pathsAndValues[i], pathsAndValues[i + 1]);
            if (e.isPresent()) {
                tx.rollback();
                return e;
            }
        }
        Result<?> committed = tx.commit();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    /** Runs the synchronous command at {@code commandPath} ({@code Device.IP.Interface.2.Reset()}). */
    Result<Map<String, String>> operate(String supportedPath, String commandPath) {
        UspCommand c = commands.command(supportedPath).orElseThrow(() -> new AssertionError("no command " + supportedPath));
        String object = commandPath.substring(0, commandPath.lastIndexOf('.') + 1);
        return c.run(model, new UspCommand.Call(commandPath, object, "", Map.of(),
                new UspRequestContext("self::controller", "Device.LocalAgent.Controller.1.",
                        new MtpAddress("MQTT", "test", "self::controller"))));
    }

    /** Applies the pushes queued so far, as the owner thread would. */
    void applyPushes() {
        String p;
        while ((p = pushes.poll()) != null) {
            model.platformChanged(p);
        }
    }

    /** Applies pushes as they come until an event matching {@code wanted} is heard; null after the timeout. */
    ModelEvent awaitEvent(Predicate<ModelEvent> wanted, long timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            for (ModelEvent e : events) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String p = pushes.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (p != null) {
                model.platformChanged(p);
            }
        }
    }

    List<ModelEvent> events() {
        return List.copyOf(events);
    }

    void clearEvents() {
        events.clear();
    }
}
