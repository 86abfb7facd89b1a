package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.testing.ConnectFakeStorage;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorage.ReceivedRequest;
import io.opengater.storage.testing.FakeStorageResource;
import io.opengater.storage.testing.FakeStorageServer;
import io.opengater.storage.testing.InjectFakeStorage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The test kit's handles, through {@link ConnectFakeStorage}: failures injected into the fakes the application's
 * clients use, and the requests the fakes received. The default client and {@code documents} share
 * {@link FakeStorageResource}'s fake; {@code media} has one of its own, so that its handle can only be right if it
 * read the named client's {@code base-url}. {@link FakeStorageHandleIT} runs the same against the packaged
 * application.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "documents"))
@WithTestResource(value = FakeStorageHandleTest.MediaStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
@ConnectFakeStorage
class FakeStorageHandleTest {

    /** A fake of its own for the {@code media} client. */
    public static final class MediaStorage implements QuarkusTestResourceLifecycleManager {

        private FakeStorageServer server;

        @Override
        public Map<String, String> start() {
            server = FakeStorageServer.start(0, FakeStorageServer.generateApiKey());
            return Map.of("quarkus.opengater-storage.\"media\".base-url", server.baseUrl(),
                    "quarkus.opengater-storage.\"media\".api-key", server.apiKey());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }

    @InjectFakeStorage
    FakeStorage storage;

    @InjectFakeStorage(client = "media")
    FakeStorage media;

    @BeforeEach
    void reset() {
        storage.reset();
        media.reset();
    }

    @Test
    void twoInjectedUnavailabilitiesAreRetriedAndTheThirdRequestCreatesTheUpload() {
        storage.failNext("/uploads", 503, 2);

        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertNull(outcome.error(), outcome.message());
        assertTrue(outcome.result().key().matches("it/[0-9a-f]{16}\\.png"), outcome.result().key());
        List<ReceivedRequest> requests = storage.requests("/uploads");
        assertEquals(3, requests.size());
        for (ReceivedRequest request : requests) {
            assertEquals("POST", request.method());
            assertEquals("<valid>", request.headers().getString("x-api-key"));
            JsonObject body = new JsonObject(request.body());
            assertEquals("image/png", body.getString("content_type"));
            assertEquals("it", body.getString("prefix"));
        }
        assertTrue(media.requests().isEmpty(), "media's fake received " + media.requests());
    }

    @Test
    void aLastingUnavailabilityReachesTheCallerAfterThreeRequests() {
        storage.failNext("/uploads", 503, 3);

        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertEquals("StorageUnavailableException", outcome.error());
        assertEquals(503, outcome.status());
        assertEquals("failure injected by the test", outcome.detail());
        assertEquals(3, storage.requests("/uploads").size());
    }

    @Test
    void theNamedClientsHandleIsOnItsOwnFake() {
        media.failNext("/uploads", 503, 1);

        Outcome failed = Calls.create("media", "image/png");
        Outcome created = Calls.create("media", "image/png");

        assertEquals(503, failed.status(), "media: max-retries 0");
        assertNull(created.error(), created.message());
        assertEquals(2, media.requests("/uploads").size());
        assertNull(Calls.delete("media", created.result().key()).error());
        assertEquals(List.of("POST /uploads", "POST /uploads", "DELETE /objects"),
                media.requests().stream().map(request -> request.method() + " " + request.path()).toList());
        assertTrue(storage.requests().isEmpty(), "the default client's fake received " + storage.requests());
    }
}
