package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.InstanceKeys;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.WriteHook;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write hook of a table whose rows are the platform's immutable records (a port mapping, a
 * DHCP pool, an NTP client): a Set makes a new record from the current one with the value
 * changed, an Add makes one from the new instance's values, a Delete removes it; the platform
 * takes the whole record. A revert makes the record again from the value the change replaced
 * ({@code oldValue}, or the deleted instance's values), so that nothing is kept between
 * transactions. After each write it tells {@code written} (which pushes the table, so that the
 * values the platform derives from the write, a {@code Status}, are read again once the
 * transaction is over). Called on the data model's owner thread.
 *
 * @param <R> the record
 */
abstract class RecordTableHook<R> implements WriteHook {

    private static final Logger LOG = LoggerFactory.getLogger(RecordTableHook.class);

    /** The keys of the transaction being applied: its reverts come right after, in the same commit. */
    private InstanceKeys keys = InstanceKeys.NONE;
    private final Runnable written;

    RecordTableHook(Runnable written) {
        this.written = java.util.Objects.requireNonNull(written, "written");
    }

    private Optional<DmError> told(Optional<DmError> result) {
        if (result.isEmpty()) {
            written.run();
        }
        return result;
    }

    /** The record with this key, as the platform has it now. */
    abstract Optional<R> current(String key);

    /** {@code record} with {@code parameter} (a TR-181 name) set to {@code value}, or why not. */
    abstract Result<R> with(R record, String parameter, String value, InstanceKeys keys);

    /** A new record with this key made from an instance's values, by TR-181 name. */
    abstract Result<R> created(String key, Map<String, String> values, InstanceKeys keys);

    abstract Optional<DmError> put(R record);

    abstract Optional<DmError> delete(String key);

    abstract Optional<String> newKey();

    @Override
    public final Optional<DmError> apply(Change change) {
        return apply(change, InstanceKeys.NONE);
    }

    @Override
    public final Optional<DmError> apply(Change change, InstanceKeys instanceKeys) {
        keys = instanceKeys;
        String key = change.object().rowKey();
        if (change instanceof Change.ValueSet set) {
            Optional<R> now = current(key);
            if (now.isEmpty()) {
                return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "the platform has no " + key + " any more"));
            }
            Result<R> next = with(now.get(), set.parameter(), set.newValue(), instanceKeys);
            return next.isOk() ? told(put(next.value())) : Optional.of(next.error().withPath(set.path()));
        }
        if (change instanceof Change.InstanceAdded added) {
            Result<R> made = created(key, added.values(), instanceKeys);
            return made.isOk() ? told(put(made.value())) : Optional.of(made.error());
        }
        return told(delete(key));
    }

    @Override
    public final void revert(Change change) {
        String key = change.object().rowKey();
        Optional<DmError> failed;
        if (change instanceof Change.ValueSet set) {
            Optional<R> now = current(key);
            Result<R> before = now.isEmpty()
                    ? Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "gone")
                    : with(now.get(), set.parameter(), set.oldValue(), keys);
            failed = before.isOk() ? put(before.value()) : Optional.of(before.error());
        } else if (change instanceof Change.InstanceAdded) {
            failed = delete(key);
        } else {
            Result<R> again = created(key, ((Change.InstanceDeleted) change).values(), keys);
            failed = again.isOk() ? put(again.value()) : Optional.of(again.error());
        }
        told(failed).ifPresent(e -> LOG.error("could not undo {} on the platform: {}", change.object().path(), e.message()));
    }

    @Override
    public final Optional<String> newRowKey(String instancePath) {
        return newKey();
    }

    // ------------------------------------------------------------------ value conversions

    static Result<Boolean> bool(String value) {
        if (value.equals("true") || value.equals("1")) {
            return Result.ok(true);
        }
        if (value.equals("false") || value.equals("0")) {
            return Result.ok(false);
        }
        return Result.err(ErrorCode.INVALID_TYPE, "not a boolean: " + value);
    }

    static Result<Long> number(String value, long min, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                return Result.err(ErrorCode.INVALID_VALUE, value + " is not in " + min + ".." + max);
            }
            return Result.ok(n);
        } catch (NumberFormatException e) {
            return Result.err(ErrorCode.INVALID_TYPE, "not a number: " + value);
        }
    }

    /**
     * The platform key of the instance of {@code supportedTablePath} a written reference names
     * ({@code Device.IP.Interface.3} -> {@code wan}); the empty value is the empty key.
     */
    static Result<String> referencedKey(String value, String supportedTablePath, InstanceKeys keys) {
        if (value.isEmpty()) {
            return Result.ok("");
        }
        Optional<KeyReference> ref = keys.of(value);
        if (ref.isEmpty() || !ref.get().supportedTablePath().equals(supportedTablePath)) {
            return Result.err(ErrorCode.INVALID_VALUE, value + " is not an instance of " + supportedTablePath);
        }
        return Result.ok(ref.get().keys().get(ref.get().keys().size() - 1));
    }
}
