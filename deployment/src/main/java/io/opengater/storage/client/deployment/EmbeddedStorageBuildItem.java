package io.opengater.storage.client.deployment;

import java.util.Set;

import io.quarkus.builder.item.SimpleBuildItem;

/** The clients that Dev Services point at the embedded storage, for Dev UI to say so. */
public final class EmbeddedStorageBuildItem extends SimpleBuildItem {

    private final Set<String> clients;

    EmbeddedStorageBuildItem(Set<String> clients) {
        this.clients = Set.copyOf(clients);
    }

    public Set<String> clients() {
        return clients;
    }
}
