package dev.demarc.tr181.platform;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The IP diagnostics of {@code Device.IP.Diagnostics.}: ping, trace route, and TR-143 HTTP
 * download and upload tests.
 *
 * <p>Each test is started on the data model's owner thread and returns at once: it runs on the
 * platform's own threads, bounded in time, and its stage completes there. A test that ran holds
 * its result, failed ones included (a host that does not resolve is a result with that
 * {@code Status}); a test that could not run at all (the tool is missing, too many tests are
 * running) is an error, which the controller gets as the command's failure. Cancelling a stage
 * ({@code CompletableFuture.cancel}, when a controller cancels the request) stops its test.
 */
public interface Diagnostics {

    /** Which tests the platform can run. Owner thread; at once. */
    DiagnosticsCapabilities capabilities();

    CompletionStage<Result<PingResult>> ping(PingRequest request);

    CompletionStage<Result<TraceRouteResult>> traceRoute(TraceRouteRequest request);

    /** A download or upload test, as {@link TransferRequest#direction()} says. */
    CompletionStage<Result<TransferResult>> transfer(TransferRequest request);

    /** No diagnostics: every test fails with 7022. */
    static Diagnostics none() {
        return None.INSTANCE;
    }

    /** The form of {@link #none()}. */
    final class None implements Diagnostics {
        private static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public DiagnosticsCapabilities capabilities() {
            return DiagnosticsCapabilities.none();
        }

        @Override
        public CompletionStage<Result<PingResult>> ping(PingRequest request) {
            return unsupported(request);
        }

        @Override
        public CompletionStage<Result<TraceRouteResult>> traceRoute(TraceRouteRequest request) {
            return unsupported(request);
        }

        @Override
        public CompletionStage<Result<TransferResult>> transfer(TransferRequest request) {
            return unsupported(request);
        }

        private static <T> CompletionStage<Result<T>> unsupported(Object request) {
            Objects.requireNonNull(request, "request");
            return CompletableFuture.completedFuture(
                    Result.err(ErrorCode.COMMAND_FAILURE, "this platform runs no IP diagnostics"));
        }
    }
}
