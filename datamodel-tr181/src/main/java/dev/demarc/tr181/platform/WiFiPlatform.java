package dev.demarc.tr181.platform;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The device's Wi-Fi, as {@code Device.WiFi.} shows and configures it: radios, SSIDs, access
 * points with their stations and security, and scans of the neighbouring networks.
 *
 * <p>Threads: {@link #state} and {@link #writable} are called on the data model's owner thread
 * and answer from memory (the platform keeps its snapshot fresh on its own threads: on events,
 * and when a read finds it old). {@link #apply} is called on the owner thread within a
 * transaction: it may run the few short commands a configuration write takes, never a slow one
 * (a Wi-Fi reload runs later on the platform's threads). {@link #scanNeighbors} returns at once
 * and completes on the platform's threads. Watchers are called on the platform's threads.
 */
public interface WiFiPlatform {

    /** The current snapshot; {@link WiFiState#EMPTY} when there is no Wi-Fi. */
    WiFiState state();

    /** Calls {@code listener} after the snapshot changed (stations came or went, a write was applied...). */
    void watch(Runnable listener);

    /**
     * The settings this platform applies for real (the capability query): the TR-181 parameters
     * of the other kinds are declared read-only in the model served on it.
     */
    Set<WiFiSetting.Kind> writable();

    /** Whether settings of {@code kind} are applied. */
    default boolean canWrite(WiFiSetting.Kind kind) {
        return writable().contains(kind);
    }

    /**
     * Applies {@code setting} and answers how to undo it (when a later change of the same
     * transaction fails), or why it could not: 7012 Invalid value for a value the device does
     * not support, 7016 for a key it does not have, 7009 when it cannot write this kind or
     * the write failed. An error message never contains a passphrase.
     */
    Result<WiFiUndo> apply(WiFiSetting setting);

    /**
     * Scans for neighbouring networks on every radio. Returns at once; the stage completes on
     * the platform's threads with what was heard (at most {@link WiFiNeighbor#MAX_RESULTS}),
     * or why the scan failed.
     */
    CompletionStage<Result<List<WiFiNeighbor>>> scanNeighbors();

    /** No Wi-Fi: empty tables, nothing writable, a scan that hears nothing. */
    static WiFiPlatform none() {
        return None.INSTANCE;
    }

    /** The platform without Wi-Fi. */
    final class None implements WiFiPlatform {
        private static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public WiFiState state() {
            return WiFiState.EMPTY;
        }

        @Override
        public void watch(Runnable listener) {
        }

        @Override
        public Set<WiFiSetting.Kind> writable() {
            return Set.of();
        }

        @Override
        public Result<WiFiUndo> apply(WiFiSetting setting) {
            return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "this device has no Wi-Fi");
        }

        @Override
        public CompletionStage<Result<List<WiFiNeighbor>>> scanNeighbors() {
            return CompletableFuture.completedFuture(Result.ok(List.of()));
        }

        @Override
        public String toString() {
            return "WiFiPlatform.none()";
        }
    }
}
