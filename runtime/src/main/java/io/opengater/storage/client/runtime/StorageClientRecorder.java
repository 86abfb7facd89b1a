package io.opengater.storage.client.runtime;

import java.util.Set;
import java.util.function.Function;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.quarkus.arc.Arc;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Makes the client beans at run time, from the clients held by {@link StorageClients}.
 */
@Recorder
public class StorageClientRecorder {

    /**
     * Checks the configuration of every client the application injects, at start; the clients are made on first use.
     */
    public void checkClients(Set<String> names) {
        StorageClients clients = Arc.container().instance(StorageClients.class).get();
        names.forEach(clients::check);
    }

    public Function<SyntheticCreationalContext<StorageClient>, StorageClient> blockingClient(String name) {
        return context -> context.getInjectedReference(StorageClients.class).blocking(name);
    }

    public Function<SyntheticCreationalContext<ReactiveStorageClient>, ReactiveStorageClient> reactiveClient(
            String name) {
        return context -> context.getInjectedReference(StorageClients.class).reactive(name);
    }
}
