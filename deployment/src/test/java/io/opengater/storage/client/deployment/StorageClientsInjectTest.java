package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.runtime.StorageConfig;
import io.quarkus.test.QuarkusUnitTest;

/** The default client's blocking and reactive beans are injected, show their address and never the API key. */
class StorageClientsInjectTest {

    static final String API_KEY = "s3cr3t-key-4711";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StorageUser.class, Causes.class))
            // port 9 (discard) on the loopback: nothing listens, a call is refused at once
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9/storage/")
            .overrideConfigKey("quarkus.opengater-storage.api-key", API_KEY)
            .overrideConfigKey("quarkus.opengater-storage.retry.max-retries", "0");

    @Inject
    StorageUser user;

    @Inject
    StorageConfig config;

    @Test
    void toStringShowsTheBaseUrlWithoutTrailingSlashAndHidesTheKey() {
        for (Object client : new Object[] { user.blocking, user.reactive }) {
            String text = client.toString();
            assertTrue(text.contains("http://127.0.0.1:9/storage"), text);
            assertFalse(text.contains("http://127.0.0.1:9/storage/"), text);
            assertFalse(text.contains(API_KEY), text);
        }
    }

    @Test
    void closingAnInjectedClientLeavesItWorking() {
        user.blocking.close();
        user.reactive.close();

        assertTrue(user.blocking.toString().contains("http://127.0.0.1:9/storage"));
        assertTrue(user.reactive.toString().contains("http://127.0.0.1:9/storage"));
        // the call still reaches the network: a closed REST client would fail before connecting
        StorageUnavailableException refused = assertThrows(StorageUnavailableException.class,
                () -> user.blocking.deleteByKey("some/key"));
        assertTrue(Causes.chain(refused).contains("ConnectException"), Causes.chain(refused));
    }

    @Test
    void configToStringHidesTheKey() {
        String whole = String.valueOf(config);
        String defaultClient = String.valueOf(config.clients().get(StorageConfig.DEFAULT_CLIENT_NAME));
        assertFalse(whole.contains(API_KEY), whole);
        assertFalse(defaultClient.contains(API_KEY), defaultClient);
    }

    // @Singleton, not a normal scope: the test reads the fields directly, which a client proxy would not have set
    @Singleton
    static class StorageUser {

        @Inject
        StorageClient blocking;

        @Inject
        ReactiveStorageClient reactive;
    }
}
