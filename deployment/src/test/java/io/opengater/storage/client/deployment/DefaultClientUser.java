package io.opengater.storage.client.deployment;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.opengater.storage.client.StorageClient;

/** An application bean that injects the default client, which makes the extension create and check it. */
@Singleton
class DefaultClientUser {

    @Inject
    StorageClient storage;
}
