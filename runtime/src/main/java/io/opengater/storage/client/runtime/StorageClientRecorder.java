package io.opengater.storage.client.runtime;

import java.util.function.Function;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Makes the client beans at run time, from the clients held by {@link StorageClients}.
 */
@Recorder
public class StorageClientRecorder {

    public Function<SyntheticCreationalContext<StorageClient>, StorageClient> blockingClient(String name) {
        return context -> context.getInjectedReference(StorageClients.class).blocking(name);
    }

    public Function<SyntheticCreationalContext<ReactiveStorageClient>, ReactiveStorageClient> reactiveClient(
            String name) {
        return context -> context.getInjectedReference(StorageClients.class).reactive(name);
    }
}
