package dev.demarc.tr181;

import java.util.Objects;
import java.util.function.Function;

/**
 * What was read last for one instance, handed out again while its source is unchanged: the
 * parameters of one object ({@code Stats.BytesSent}, {@code Stats.BytesReceived}, ...) are read
 * one after the other from the same platform value, which is looked up once for all of them.
 *
 * <p>The source is named by a stamp: an object the platform replaces when what it gives changes
 * (the network's snapshot; {@link MtpStatusRegistry#controllersStamp()}). Read the stamp before
 * the value, so that a value is never older than the stamp it is kept under. Owner thread: a
 * provider's, like the bindings that hold it.
 *
 * @param <T> what a read is made from (the instance's reference)
 * @param <V> what is read
 */
final class LastRead<T, V> {

    private Object stamp;
    private String path;
    private V value;

    /**
     * The value for the instance at {@code path}: the last one when both {@code stamp} (by
     * reference) and {@code path} are those of the last read, else {@code read} applied to
     * {@code from}.
     */
    V get(Object stamp, String path, T from, Function<? super T, ? extends V> read) {
        Objects.requireNonNull(stamp, "stamp");
        if (stamp == this.stamp && path.equals(this.path)) {
            return value;
        }
        V v = read.apply(from);
        this.stamp = stamp;
        this.path = path;
        this.value = v;
        return v;
    }
}
