package io.opengater.storage.client.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The one implementation of the client: argument checks, the HTTP calls, error translation and fault tolerance.
 * {@link BlockingStorageClientImpl} waits on it.
 */
final class ReactiveStorageClientImpl implements ReactiveStorageClient {

    private static final Logger LOG = Logger.getLogger(ReactiveStorageClientImpl.class);

    private static final TypeLiteral<Uni<UploadResult>> UNI_UPLOAD_RESULT = new TypeLiteral<>() {
    };
    private static final TypeLiteral<Uni<Void>> UNI_VOID = new TypeLiteral<>() {
    };
    private static final List<Class<? extends Throwable>> UNAVAILABLE = List.of(StorageUnavailableException.class,
            TimeoutException.class);

    private final ClientSettings settings;
    private final StorageApi api;
    private final Guard guard;
    private final boolean containerManaged;

    ReactiveStorageClientImpl(ClientSettings settings, ObjectMapper json, boolean containerManaged) {
        this.settings = settings;
        this.containerManaged = containerManaged;
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.baseUri())
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .loggingMaskedHeaders(Set.of(ApiKeyFilter.HEADER))
                .register(new ApiKeyFilter(settings.apiKey()), ApiKeyFilter.PRIORITY)
                .register(new StorageResponseExceptionMapper(json))
                .build(StorageApi.class);
        this.guard = guard(settings);
        LOG.debugf("Created opengater-storage client %s", settings);
    }

    /**
     * Retry outside the circuit breaker outside the per-request timeout, all driven by the client's settings. Only
     * unavailability is retried and counted by the breaker: a 4xx is the caller's to fix.
     */
    private static Guard guard(ClientSettings settings) {
        Guard.Builder guard = Guard.create()
                .withDescription("opengater-storage client " + settings.name())
                .withThreadOffload(false)
                .withTimeout().duration(settings.timeout().toMillis(), ChronoUnit.MILLIS).done();
        if (settings.maxRetries() > 0) {
            Duration longestCall = settings.timeout().plus(settings.retryMaxDelay())
                    .multipliedBy(settings.maxRetries() + 1L).plusSeconds(1);
            guard.withRetry()
                    .maxRetries(settings.maxRetries())
                    .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(longestCall.toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .retryOn(UNAVAILABLE)
                    .withCustomBackoff()
                    .strategy(() -> new RetryBackoff(settings.retryDelay(), settings.retryMaxDelay()))
                    .done()
                    .done();
        }
        if (settings.circuitBreakerEnabled()) {
            guard.withCircuitBreaker()
                    .failOn(UNAVAILABLE)
                    .requestVolumeThreshold(settings.circuitBreakerRequestVolumeThreshold())
                    .failureRatio(settings.circuitBreakerFailureRatio())
                    .delay(settings.circuitBreakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .done();
        }
        return guard.build();
    }

    @Override
    public Uni<UploadResult> createUpload(String contentType) {
        return createUpload(contentType, "");
    }

    @Override
    public Uni<UploadResult> createUpload(String contentType, String prefix) {
        CreateUploadRequest request = new CreateUploadRequest(Arguments.contentType(contentType),
                Arguments.prefix(prefix));
        return call(Operation.CREATE_UPLOAD, UNI_UPLOAD_RESULT,
                () -> api.createUpload(request).map(this::uploadResult));
    }

    @Override
    public Uni<Void> deleteObject(String publicUrl, String key) {
        if (publicUrl == null && key == null) {
            throw new IllegalArgumentException("publicUrl and key must not both be null: give at least one");
        }
        DeleteObjectRequest request = new DeleteObjectRequest(Arguments.optionalText("key", key),
                Arguments.optionalText("publicUrl", publicUrl));
        return call(Operation.DELETE_OBJECT, UNI_VOID,
                () -> api.deleteObject(request).map(response -> {
                    response.close();
                    return null;
                }));
    }

    @Override
    public Uni<Void> deleteByKey(String key) {
        return deleteObject(null, Arguments.requireText("key", key));
    }

    @Override
    public Uni<Void> deleteByPublicUrl(String publicUrl) {
        return deleteObject(Arguments.requireText("publicUrl", publicUrl), null);
    }

    /**
     * One guarded call, subscribed anew for each subscriber. Each attempt's failure is translated first, so that the
     * retry and the breaker see the typed exception; what escapes the guard (its own timeout, an open breaker) is
     * translated last.
     */
    private <T> Uni<T> call(Operation operation, TypeLiteral<Uni<T>> type, Supplier<Uni<T>> attempt) {
        Supplier<Uni<T>> translatedAttempt = () -> attempt.get()
                .onFailure().transform(failure -> StorageErrors.translate(operation, settings.timeout(), failure));
        return Uni.createFrom().deferred(() -> guard.get(translatedAttempt, type))
                .onFailure().transform(failure -> StorageErrors.translate(operation, settings.timeout(), failure));
    }

    /**
     * A success must carry all three fields: a missing one is the service's fault, reported with its status rather
     * than handed to the caller as {@code null}.
     */
    private UploadResult uploadResult(Response response) {
        String operation = Operation.CREATE_UPLOAD.label();
        int status = response.getStatus();
        UploadResponse body;
        try {
            body = response.hasEntity() ? response.readEntity(UploadResponse.class) : null;
        } catch (RuntimeException unreadable) {
            throw new StorageException(operation, status, "the answer is not a JSON object of upload_url, key and"
                    + " public_url (Content-Type: " + response.getHeaderString("Content-Type") + ")", unreadable);
        } finally {
            response.close();
        }
        if (body == null) {
            throw new StorageException(operation, status, "the answer has no body", null);
        }
        List<String> missing = new ArrayList<>(3);
        if (body.uploadUrl() == null) {
            missing.add("upload_url");
        }
        if (body.key() == null) {
            missing.add("key");
        }
        if (body.publicUrl() == null) {
            missing.add("public_url");
        }
        if (!missing.isEmpty()) {
            throw new StorageException(operation, status, "the answer lacks " + String.join(", ", missing), null);
        }
        return new UploadResult(body.uploadUrl(), body.key(), body.publicUrl());
    }

    @Override
    public void close() {
        if (!containerManaged) {
            shutdown();
        }
    }

    /**
     * Releases the HTTP connections, whoever owns the client.
     */
    void shutdown() {
        try {
            ((Closeable) api).close();
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Closing opengater-storage client %s failed", settings.name());
        }
    }

    @Override
    public String toString() {
        return "ReactiveStorageClient[name=" + settings.name() + ", baseUri=" + settings.baseUri() + "]";
    }
}
