package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorageResource;
import io.opengater.storage.testing.FakeStorageServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service stops in the middle of a run and comes back on the same address: while it is down, calls fail with
 * {@code StorageUnavailableException} and no status; the circuit breaker opens, so calls then fail at once without
 * being sent; after its delay it lets a trial call through, and calls succeed again, all in the same application.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class ChaosTest {

    private static final String BREAKER_OPEN = "circuit breaker is open";

    private FakeStorageServer service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theServiceGoesAwayAndComesBack() throws Exception {
        String apiKey = FakeStorageServer.generateApiKey();
        service = FakeStorageServer.start(0, apiKey);
        int port = service.port();
        // Fault Tolerance's defaults for the breaker: 20 requests, a failure ratio of 0.5, open for 5 s.
        try (StorageClient client = StorageClient.builder().baseUrl(service.baseUrl()).apiKey(apiKey).maxRetries(0)
                .timeout(Duration.ofSeconds(2)).build()) {
            for (int i = 0; i < 10; i++) {
                client.createUpload("image/png", "before");
            }

            service.close();
            List<String> whileDown = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                        () -> client.createUpload("image/png", "down"));
                assertNull(failure.statusCode());
                whileDown.add(failure.detail());
            }
            assertTrue(whileDown.get(0).startsWith("connection failed"), whileDown.get(0));
            int opened = indexOfFirst(whileDown, BREAKER_OPEN);
            // ten successes, then ten failures: the window of 20 holds a failure ratio of 0.5, and it opens
            assertEquals(10, opened, "the breaker opened after " + opened + " failures: " + whileDown);
            assertTrue(whileDown.subList(opened, whileDown.size()).stream().allMatch(d -> d.startsWith(BREAKER_OPEN)),
                    "once open, it stays open: " + whileDown);

            service = FakeStorageServer.start(port, apiKey);
            FakeStorage storage = new FakeStorage(service.baseUrl());
            StorageUnavailableException stillOpen = assertThrows(StorageUnavailableException.class,
                    () -> client.createUpload("image/png", "early"));
            assertTrue(stillOpen.detail().startsWith(BREAKER_OPEN), stillOpen.detail());
            assertEquals(0, storage.requests("/uploads").size(), "an open breaker sends nothing");

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (true) {
                try {
                    client.createUpload("image/png", "after");
                    break;
                } catch (StorageUnavailableException open) {
                    assertTrue(open.detail().startsWith(BREAKER_OPEN), open.detail());
                    if (System.nanoTime() > deadline) {
                        fail("the breaker did not let a call through within 15 s");
                    }
                    Thread.sleep(100);
                }
            }
            for (int i = 0; i < 10; i++) {
                client.createUpload("image/png", "after");
            }
            assertEquals(11, storage.requests("/uploads").size(), "the trial call and the ten after it");
        }
    }

    private static int indexOfFirst(List<String> details, String prefix) {
        for (int i = 0; i < details.size(); i++) {
            if (details.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
