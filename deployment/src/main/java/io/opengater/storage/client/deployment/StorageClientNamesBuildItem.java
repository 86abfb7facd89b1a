package io.opengater.storage.client.deployment;

import java.util.Set;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The names of the clients the application has beans of, {@code <default>} for the default client. Dev Services,
 * health checks and Dev UI cover the same clients.
 */
public final class StorageClientNamesBuildItem extends SimpleBuildItem {

    private final Set<String> names;

    StorageClientNamesBuildItem(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    public Set<String> names() {
        return names;
    }
}
