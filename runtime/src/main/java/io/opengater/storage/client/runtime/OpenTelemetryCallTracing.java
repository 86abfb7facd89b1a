package io.opengater.storage.client.runtime;

import java.util.function.Supplier;

import io.opengater.storage.client.StorageException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The clients' spans: one per call ({@code opengater-storage create-upload}), and under it one per attempt
 * ({@code opengater-storage create-upload attempt 2}), which is current while the attempt's request is made, so that
 * the HTTP client's own span is its child. Attributes are the client's name, the operation, the attempt's number, and
 * on failure the exception's class and status; never a header, so never the key. A bean only when the application has
 * {@code quarkus-opentelemetry} and {@code quarkus.opengater-storage.tracing.enabled} is true (the build adds it).
 */
final class OpenTelemetryCallTracing implements CallTelemetry {

    static final AttributeKey<String> CLIENT = AttributeKey.stringKey("opengater.storage.client");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("opengater.storage.operation");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("opengater.storage.attempt");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;

    OpenTelemetryCallTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.opengater.storage.client");
    }

    @Override
    public Call start(String client, String operation) {
        Span callSpan = tracer.spanBuilder("opengater-storage " + operation)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(CLIENT, client)
                .setAttribute(OPERATION, operation)
                .startSpan();
        Context callContext = Context.current().with(callSpan);
        return new Call() {
            @Override
            public <T> Uni<T> attempt(int number, Supplier<Uni<T>> attempt) {
                Span attemptSpan = tracer.spanBuilder("opengater-storage " + operation + " attempt " + number)
                        .setParent(callContext)
                        .setSpanKind(SpanKind.INTERNAL)
                        .setAttribute(CLIENT, client)
                        .setAttribute(OPERATION, operation)
                        .setAttribute(ATTEMPT, (long) number)
                        .startSpan();
                Context attemptContext = callContext.with(attemptSpan);
                return within(attemptContext, attempt)
                        .onItemOrFailure().invoke((item, failure) -> finish(attemptSpan, failure))
                        .onCancellation().invoke(() -> {
                            attemptSpan.setStatus(StatusCode.ERROR, "cancelled");
                            attemptSpan.end();
                        });
            }

            @Override
            public void end(Throwable failure) {
                finish(callSpan, failure);
            }
        };
    }

    /** Makes the attempt's Uni, and subscribes to it, with the attempt's span current. */
    private static <T> Uni<T> within(Context context, Supplier<Uni<T>> attempt) {
        return Uni.createFrom().emitter(emitter -> {
            Cancellable subscription;
            try (Scope ignored = context.makeCurrent()) {
                subscription = attempt.get().subscribe().with(emitter::complete, emitter::fail);
            }
            emitter.onTermination(subscription::cancel);
        });
    }

    private static void finish(Span span, Throwable failure) {
        if (failure != null) {
            span.setAttribute(ERROR_TYPE, failure.getClass().getSimpleName());
            if (failure instanceof StorageException storage && storage.statusCode() != null) {
                span.setAttribute(STATUS, (long) storage.statusCode());
            }
            span.setStatus(StatusCode.ERROR, failure.getMessage());
        }
        span.end();
    }
}
