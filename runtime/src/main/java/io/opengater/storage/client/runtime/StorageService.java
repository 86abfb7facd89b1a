package io.opengater.storage.client.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.util.TypeLiteral;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.UploadResult;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.tls.TlsConfiguration;
import io.smallrye.mutiny.Uni;

/**
 * The REST exchange with the opengater-storage service: one REST client of {@link StorageApi}, with the key, the
 * time limits, the bound on responses and the mapper of errors, and each call through the client's guard. Within one
 * attempt of the guard, a request refused with 401 or 403 is sent once more when its key comes from a credentials
 * provider ({@link ApiKeySource#send}): to the guard, that is one attempt with one outcome.
 */
final class StorageService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StorageService.class);

    private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    private static final TypeLiteral<Uni<UploadResult>> UNI_UPLOAD_RESULT = new TypeLiteral<>() {
    };

    private final StorageApi api;
    private final ApiKeySource keys;
    private final CallGuard guard;
    private final String client;

    /**
     * @param keys where the API key comes from
     * @param tls the TLS configuration of the calls to an https service, or {@code null} for the JVM's
     * @param proxies the client's proxies, of which the service calls use theirs
     */
    StorageService(ClientSettings settings, ApiKeySource keys, ObjectMapper json, TlsConfiguration tls,
            ClientProxies proxies, CallGuard guard) {
        this.keys = keys;
        this.guard = guard;
        this.client = settings.name();
        QuarkusRestClientBuilder rest = QuarkusRestClientBuilder.newBuilder();
        if (tls != null) {
            rest.tlsConfiguration(tls);
        }
        proxies.applyTo(rest);
        long timeoutMillis = settings.config().timeout().toMillis();
        this.api = rest
                .baseUri(settings.baseUri())
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .followRedirects(false)
                // a proxy may gzip the response unasked; this also sends Accept-Encoding: gzip, deflate
                .enableCompression(true)
                .disableDefaultMapper(true)
                .httpClientRequestCustomizer(ResponseSizeLimit::install)
                .clientLogger(new RedactingClientLogger())
                // Vert.x puts the proxy's Basic credentials on the request itself when it sends it to an http proxy
                .loggingMaskedHeaders(Set.of(ApiKeyFilter.HEADER, PROXY_AUTHORIZATION))
                .register(new ApiKeyFilter(keys), ApiKeyFilter.PRIORITY)
                .register(new StorageResponseExceptionMapper(json))
                .build(StorageApi.class);
        LOG.debugf("Created opengater-storage client %s", settings);
    }

    /** {@code POST /uploads}, retried and guarded. */
    Uni<UploadResult> createUpload(CreateUploadRequest request) {
        return guard.call(Operation.CREATE_UPLOAD, UNI_UPLOAD_RESULT, () -> createUploadOnce(request));
    }

    /**
     * One {@code POST /uploads} with no guard, for the readiness check, which reports the service as it is now; its
     * failures are not yet the contract's exceptions. Like every request, it is sent once more when the service
     * refuses a key that the credentials provider can give anew.
     */
    Uni<UploadResult> createUploadOnce(CreateUploadRequest request) {
        return keys.send(() -> api.createUpload(request)).map(UploadResults::read);
    }

    /** {@code DELETE /objects}, retried and guarded. */
    Uni<Void> deleteObject(DeleteObjectRequest request) {
        return guard.call(Operation.DELETE_OBJECT, CallGuard.UNI_VOID,
                () -> keys.send(() -> api.deleteObject(request)).map(response -> {
                    response.close();
                    return null;
                }));
    }

    CallGuard guard() {
        return guard;
    }

    @Override
    public void close() {
        try {
            ((Closeable) api).close();
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Closing opengater-storage client %s failed", client);
        }
    }
}
