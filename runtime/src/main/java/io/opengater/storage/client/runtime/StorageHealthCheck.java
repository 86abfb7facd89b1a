package io.opengater.storage.client.runtime;

import java.util.Locale;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.UploadResult;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * The readiness check of one client: UP when the service accepts a {@code POST /uploads} with its key, DOWN with the
 * typed error otherwise. The build makes one per injected
 * client when the application has {@code quarkus-smallrye-health} and {@code quarkus.opengater-storage.health.enabled}
 * is true. The response carries the base URL, the circuit breaker's state and, when DOWN, the exception's class,
 * status and detail; never the key.
 */
final class StorageHealthCheck implements AsyncHealthCheck {

    /** What the check asks for: the prefix tells the service's operators where it comes from. */
    static final CreateUploadRequest PROBE = new CreateUploadRequest("application/octet-stream",
            "opengater-storage-health");

    private final String name;
    private final StorageClients clients;

    StorageHealthCheck(String name, StorageClients clients) {
        this.name = name;
        this.clients = clients;
    }

    static String checkName(String client) {
        return StorageConfig.DEFAULT_CLIENT_NAME.equals(client) ? "opengater-storage"
                : "opengater-storage \"" + client + "\"";
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        ReactiveStorageClientImpl client = clients.managed(name);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(checkName(name))
                .withData("base-url", client.settings().baseUri().toString())
                .withData("circuit-breaker", client.circuitBreakerState().name().toLowerCase(Locale.ROOT));
        return probe(client)
                .map(ready -> response.up().build())
                .onFailure().recoverWithItem(failure -> down(response, failure));
    }

    /**
     * One {@code POST /uploads} of an upload that is never used, with no retry and no circuit breaker, so that it
     * reports the service as it is now. Creating an upload only signs a URL: nothing is stored, and it proves both
     * that the service responds and that it accepts the key.
     */
    private static Uni<UploadResult> probe(ReactiveStorageClientImpl client) {
        return client.service().createUploadOnce(PROBE).onFailure().transform(failure -> StorageErrors.translate(
                Operation.CREATE_UPLOAD, client.settings().config().timeout(), failure));
    }

    private static HealthCheckResponse down(HealthCheckResponseBuilder response, Throwable failure) {
        response.down().withData("error", failure.getClass().getSimpleName());
        if (failure instanceof StorageException storage) {
            if (storage.statusCode() != null) {
                response.withData("status", storage.statusCode());
            }
            if (storage.detail() != null) {
                response.withData("detail", storage.detail());
            }
        } else if (failure.getMessage() != null) {
            response.withData("detail", failure.getMessage());
        }
        return response.build();
    }
}
