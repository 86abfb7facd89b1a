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
 * Only injected or configured clients are created and checked: the default client, which has no configuration and is
 * not injected, and a named one with properties but no {@code base-url}, are not clients.
 */
class OnlyInjectedClientsAreCreatedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DocumentsUser.class))
            .overrideConfigKey("quarkus.opengater-storage.\"documents\".base-url", "http://127.0.0.1:9/docs")
            .overrideConfigKey("quarkus.opengater-storage.\"documents\".api-key", "documents-key")
            .overrideConfigKey("quarkus.opengater-storage.\"unused\".api-key", "unused-key")
            .overrideConfigKey("quarkus.opengater-storage.\"unused\".timeout", "1S");

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
