package io.opengater.storage.client.runtime;

import java.util.Locale;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.opengater.storage.client.StorageException;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * The readiness check of one client: UP when the service answers a {@code POST /uploads} with its key (see
 * {@link ReactiveStorageClientImpl#probe()}), DOWN with the typed error otherwise. The build makes one per injected
 * client when the application has {@code quarkus-smallrye-health} and {@code quarkus.opengater-storage.health.enabled}
 * is true. The response carries the base URL, the circuit breaker's state and, when DOWN, the exception's class,
 * status and detail; never the key.
 */
final class StorageHealthCheck implements AsyncHealthCheck {

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
        ReactiveStorageClientImpl client = clients.client(name);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(checkName(name))
                .withData("base-url", client.settings().baseUri().toString())
                .withData("circuit-breaker", client.circuitBreakerState().name().toLowerCase(Locale.ROOT));
        return client.probe()
                .map(ready -> response.up().build())
                .onFailure().recoverWithItem(failure -> down(response, failure));
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
