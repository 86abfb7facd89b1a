package io.opengater.storage.client.runtime;

import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(StorageClientRecorder.class);

    /**
     * Checks the configuration of every client that has beans, at start; the clients are made on first use. A client
     * configured only now, at run time, has no beans: the warning says how to give it some.
     */
    public void checkClients(Set<String> names) {
        StorageClients clients = Arc.container().instance(StorageClients.class).get();
        names.forEach(clients::check);
        if (ResponseSizeLimit.UNAVAILABLE_BECAUSE != null) {
            LOG.warnf("The responses of the opengater-storage service are read whole, however long: %s, through which"
                    + " the clients bound them to 1 MiB", ResponseSizeLimit.UNAVAILABLE_BECAUSE);
        }
        for (String name : ClientNames.configured(ConfigProvider.getConfig().getPropertyNames(), names)) {
            if (!names.contains(name)) {
                LOG.warnf("%s is set, but the application has no opengater-storage client %s: names are found when"
                        + " the application is built. Inject it with @StorageClientName(\"%s\"), or set the property"
                        + " in application.properties, where its value may still come from the environment"
                        + " (${...})", StorageConfig.propertyName(name, "base-url"), name, name);
            }
        }
    }

    public Function<SyntheticCreationalContext<StorageClient>, StorageClient> blockingClient(String name) {
        return context -> context.getInjectedReference(StorageClients.class).blocking(name);
    }

    public Function<SyntheticCreationalContext<ReactiveStorageClient>, ReactiveStorageClient> reactiveClient(
            String name) {
        return context -> context.getInjectedReference(StorageClients.class).reactive(name);
    }
}
