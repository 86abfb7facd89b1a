package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.it.support.WireMockStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A service that is not listening: the connection is refused, and the call fails with
 * {@link StorageUnavailableException} without a status, after its retries.
 */
@QuarkusTest
@TestProfile(RefusedConnectionTest.ClosedPortProfile.class)
class RefusedConnectionTest {

    public static class ClosedPortProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String closed = "http://127.0.0.1:" + closedPort();
            Map<String, String> config = new HashMap<>(Map.of(
                    "quarkus.opengater-storage.base-url", closed + "/storage",
                    "quarkus.opengater-storage.api-key", WireMockStorage.API_KEY));
            WireMockStorage.NAMED_API_KEYS.forEach((name, key) -> {
                config.put("quarkus.opengater-storage.\"" + name + "\".base-url", closed + "/" + name);
                config.put("quarkus.opengater-storage.\"" + name + "\".api-key", key);
            });
            return config;
        }

        /** A port that was free a moment ago and has nothing listening on it now. */
        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Test
    void aRefusedConnectionIsUnavailableWithoutStatus() {
        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));

        assertNull(failure.statusCode());
        assertTrue(failure.detail().startsWith("connection failed ("), failure.detail());
        assertTrue(failure.detail().endsWith(": POST /uploads"), failure.detail());
    }

    @Test
    void theReactiveClientFailsTheSameWay() {
        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> reactiveStorage.deleteByKey("a.png").await().indefinitely());

        assertNull(failure.statusCode());
        assertEquals("DELETE /objects", failure.operation());
    }
}
