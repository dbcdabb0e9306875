package dev.demarc.tr181;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What was read last for one instance, handed out again while its source is unchanged: the
 * parameters of one object ({@code Stats.BytesSent}, {@code Stats.BytesReceived}, ...) are read
 * one after the other from the same platform value, which is looked up once for all of them.
 *
 * <p>The source is named by a stamp: an object the platform replaces when what it gives changes
 * (the network's snapshot, which is also what the value is read from;
 * {@link MtpStatusRegistry#controllersStamp()}). Owner thread: a provider's, like the bindings
 * that hold it.
 *
 * @param <S> the stamp
 * @param <T> what a read is made from besides the stamp (the instance's reference)
 * @param <V> what is read
 */
final class LastRead<S, T, V> {

    private S stamp;
    private String path;
    private V value;

    /**
     * The value for the instance at {@code path}: the last one when both {@code stamp} (by
     * reference) and {@code path} are those of the last read, else {@code read} applied to
     * {@code stamp} and {@code from}.
     */
    V get(S stamp, String path, T from, BiFunction<? super S, ? super T, ? extends V> read) {
        Objects.requireNonNull(stamp, "stamp");
        if (stamp == this.stamp && path.equals(this.path)) {
            return value;
        }
        V v = read.apply(stamp, from);
        this.stamp = stamp;
        this.path = path;
        this.value = v;
        return v;
    }
}
