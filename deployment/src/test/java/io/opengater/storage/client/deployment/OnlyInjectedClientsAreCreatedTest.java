package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Only the injected client is created and checked: the default client, which has no configuration, and a named
 * one whose address is invalid do not stop the application, since nothing injects them.
 */
class OnlyInjectedClientsAreCreatedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DocumentsUser.class))
            .overrideConfigKey("quarkus.opengater-storage.\"documents\".base-url", "http://127.0.0.1:9/docs")
            .overrideConfigKey("quarkus.opengater-storage.\"documents\".api-key", "documents-key")
            .overrideConfigKey("quarkus.opengater-storage.\"unused\".base-url", "not a url");

    @Inject
    DocumentsUser user;

    @Test
    void theInjectedClientExistsAndTheOthersDoNot() {
        assertTrue(user.documents.toString().contains("http://127.0.0.1:9/docs"), user.documents.toString());
        assertTrue(Arc.container().select(ReactiveStorageClient.class, StorageClientName.Literal.of("documents"))
                .isResolvable());
        assertFalse(Arc.container().select(StorageClient.class).isResolvable());
        assertFalse(Arc.container().select(StorageClient.class, StorageClientName.Literal.of("unused"))
                .isResolvable());
    }

    @Singleton
    static class DocumentsUser {
        @Inject
        @StorageClientName("documents")
        StorageClient documents;
    }
}
