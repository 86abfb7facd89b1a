package io.opengater.storage.client.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.client.UploadResult;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The one implementation of the client: argument checks, the HTTP calls, error translation and fault tolerance.
 * {@link BlockingStorageClientImpl} waits on it.
 */
final class ReactiveStorageClientImpl implements ReactiveStorageClient {

    private static final Logger LOG = Logger.getLogger(ReactiveStorageClientImpl.class);

    private static final TypeLiteral<Uni<UploadResult>> UNI_UPLOAD_RESULT = new TypeLiteral<>() {
    };

    /** What the readiness check asks for: the prefix tells the service's operators where it comes from. */
    static final CreateUploadRequest HEALTH_PROBE = new CreateUploadRequest("application/octet-stream",
            "opengater-storage-health");

    private final ClientSettings settings;
    private final StorageApi api;
    private final Guarded guarded;
    private final ObjectUploads uploads;
    private final boolean containerManaged;

    ReactiveStorageClientImpl(ClientSettings settings, ObjectMapper json, Vertx vertx, TlsConfigurationRegistry tls,
            CallTelemetry telemetry, boolean containerManaged) {
        this.settings = settings;
        this.containerManaged = containerManaged;
        // Both looked up before anything is made, so that an unknown name leaves nothing to close.
        TlsConfiguration serviceTls = tlsConfiguration(tls, settings.tlsConfigurationName(), settings.name(),
                "tls-configuration-name");
        TlsConfiguration uploadTls = tlsConfiguration(tls, settings.uploadTlsConfigurationName(), settings.name(),
                "upload.tls-configuration-name");
        QuarkusRestClientBuilder rest = QuarkusRestClientBuilder.newBuilder();
        if (serviceTls != null) {
            rest.tlsConfiguration(serviceTls);
        }
        this.api = rest
                .baseUri(settings.baseUri())
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                // a proxy may gzip the answer unasked; this also sends Accept-Encoding: gzip, deflate
                .enableCompression(true)
                .disableDefaultMapper(true)
                .httpClientRequestCustomizer(AnswerSizeLimit::install)
                .clientLogger(new RedactingClientLogger())
                .loggingMaskedHeaders(Set.of(ApiKeyFilter.HEADER))
                .register(new ApiKeyFilter(settings.apiKey()), ApiKeyFilter.PRIORITY)
                .register(new StorageResponseExceptionMapper(json))
                .build(StorageApi.class);
        this.guarded = new Guarded(settings, "opengater-storage client " + settings.name(), settings.timeout(), true,
                telemetry);
        this.uploads = new ObjectUploads(vertx, settings, json, uploadTls, telemetry);
        if (containerManaged) { // a built client has no name of its own to report its breaker under
            telemetry.clientCreated(settings.name(), guarded::circuitBreakerState);
        }
        LOG.debugf("Created opengater-storage client %s", settings);
    }

    /**
     * The named configuration of the TLS registry, {@code null} for no name. An unknown name stops the start of an
     * injected client, naming the property, and is the caller's argument to fix for a built one, naming the builder
     * method, as the other settings are.
     */
    static TlsConfiguration tlsConfiguration(TlsConfigurationRegistry registry, String name, String client,
            String setting) {
        if (name == null) {
            return null;
        }
        return (registry == null ? Optional.<TlsConfiguration> empty() : registry.get(name))
                .orElseThrow(() -> BuiltClients.NAME.equals(client)
                        ? new IllegalArgumentException(BuiltClients.builderMethod(setting) + " \"" + name + "\" is not"
                                + " a configuration of the Quarkus TLS registry: configure quarkus.tls.\"" + name
                                + "\".*")
                        : new ConfigurationException("The TLS configuration \"" + name + "\" of the opengater-storage"
                                + " client " + client + " (" + setting + ") is not in the TLS registry: configure"
                                + " quarkus.tls.\"" + name + "\".*"));
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
        return call(Operation.DELETE_OBJECT, Guarded.UNI_VOID,
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
     * The readiness check's request: one {@code POST /uploads} of an upload that is never used, with no retry and no
     * circuit breaker, so that it reports the service as it is now. Creating an upload only signs a URL: nothing is
     * stored, and it proves both that the service answers and that it accepts the key.
     */
    Uni<UploadResult> probe() {
        String operation = Operation.CREATE_UPLOAD.label();
        return api.createUpload(HEALTH_PROBE).map(this::uploadResult)
                .onFailure().transform(failure -> StorageErrors.translate(operation, settings.timeout(), failure));
    }

    ClientSettings settings() {
        return settings;
    }

    CircuitBreakerState circuitBreakerState() {
        return guarded.circuitBreakerState();
    }

    private <T> Uni<T> call(Operation operation, TypeLiteral<Uni<T>> type, Supplier<Uni<T>> attempt) {
        return guarded.call(operation.kind(), operation.label(), type, attempt);
    }

    @Override
    public Uni<UploadResult> upload(Path file, String contentType, String prefix, UploadProgressListener listener) {
        Arguments.uploadContentType(contentType);
        ObjectUploads.Body body = new ObjectUploads.FileBody(file, readableSize(file));
        return createUpload(contentType, prefix)
                .call(target -> uploads.put(target.uploadUrl(), contentType, body, listener));
    }

    @Override
    public Uni<UploadResult> upload(byte[] bytes, String contentType, String prefix,
            UploadProgressListener listener) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        Arguments.uploadContentType(contentType);
        ObjectUploads.Body body = new ObjectUploads.BytesBody(bytes);
        return createUpload(contentType, prefix)
                .call(target -> uploads.put(target.uploadUrl(), contentType, body, listener));
    }

    /**
     * The blocking upload of a stream, for {@link BlockingStorageClientImpl}: create, then one {@code PUT}.
     */
    UploadResult uploadBlocking(InputStream in, long length, String contentType, String prefix,
            UploadProgressListener listener) {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
        Arguments.uploadContentType(contentType);
        UploadResult target = createUpload(contentType, prefix).await().indefinitely();
        uploads.putBlocking(target.uploadUrl(), contentType, in, length, listener);
        return target;
    }

    /**
     * A file that cannot be read fails before any request.
     */
    private static long readableSize(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "not a regular file");
            }
            if (!Files.isReadable(file)) {
                throw new AccessDeniedException(file.toString(), null, "not readable");
            }
            return Files.size(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot upload " + file + ": " + unreadable.getMessage(), unreadable);
        }
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
        String unusable = PresignedUrls.problem(body.uploadUrl());
        if (unusable != null) {
            throw new StorageException(operation, status, "the upload_url of the answer " + unusable, null);
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
        uploads.close();
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
