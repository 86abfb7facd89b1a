package io.opengater.storage.client.runtime;

import java.util.List;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * What the clients tell of their calls, for metrics and tracing. The build adds one implementation as a bean for each
 * integration the application has ({@link MicrometerCallMetrics}, {@link OpenTelemetryCallTracing}); without them the
 * clients use {@link #NONE}. Internal.
 */
public interface CallTelemetry {

    /** Tells nothing. */
    CallTelemetry NONE = (client, operation) -> Call.NONE;

    /**
     * A call has started: all its attempts, retries included, up to its end.
     *
     * @param client the client's name, {@code <default>} for the unnamed one
     * @param operation {@code create-upload}, {@code delete-object} or {@code put-object}
     */
    Call start(String client, String operation);

    /** One call. */
    interface Call {

        Call NONE = new Call() {
            @Override
            public <T> Uni<T> attempt(int number, Supplier<Uni<T>> attempt) {
                return attempt.get();
            }

            @Override
            public void end(Throwable failure) {
            }
        };

        /**
         * Wraps one attempt.
         *
         * @param number 1 for the first attempt, 2 for the first retry, and so on
         */
        <T> Uni<T> attempt(int number, Supplier<Uni<T>> attempt);

        /**
         * The call ended, after all its attempts.
         *
         * @param failure what it failed with (a {@code StorageException}), {@code null} on success
         */
        void end(Throwable failure);
    }

    /** All of them as one, each wrapping the next. */
    static CallTelemetry of(List<CallTelemetry> all) {
        if (all.isEmpty()) {
            return NONE;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        List<CallTelemetry> copy = List.copyOf(all);
        return new CallTelemetry() {
            @Override
            public Call start(String client, String operation) {
                List<Call> calls = copy.stream().map(telemetry -> telemetry.start(client, operation)).toList();
                return new Call() {
                    @Override
                    public <T> Uni<T> attempt(int number, Supplier<Uni<T>> attempt) {
                        Supplier<Uni<T>> wrapped = attempt;
                        for (Call call : calls) {
                            Supplier<Uni<T>> inner = wrapped;
                            wrapped = () -> call.attempt(number, inner);
                        }
                        return wrapped.get();
                    }

                    @Override
                    public void end(Throwable failure) {
                        calls.forEach(call -> call.end(failure));
                    }
                };
            }

        };
    }
}
