package dev.demarc.core;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of an operation that can fail for reasons of input or state: a value, or a
 * {@link DmError}. Exceptions are kept for bugs and I/O.
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    record Ok<T>(T value) implements Result<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Err<T>(DmError error) implements Result<T> {
        public Err {
            Objects.requireNonNull(error, "error");
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(DmError error) {
        return new Err<>(error);
    }

    static <T> Result<T> err(ErrorCode code, String message) {
        return new Err<>(DmError.of(code, message));
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; only call after {@link #isOk()} said so. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("no value: " + ((Err<T>) this).error());
    }

    /** The error; only call when {@link #isOk()} is false. */
    default DmError error() {
        if (this instanceof Err<T> err) {
            return err.error();
        }
        throw new IllegalStateException("no error");
    }

    default <U> Result<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Err<>(error());
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return new Err<>(error());
    }
}
