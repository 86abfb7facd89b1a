package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.NoBreakerProfile;
import io.opengater.storage.testing.ConnectFakeStorage;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.InjectFakeStorage;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The packaged application against the embedded storage that Dev Services start for its three clients, which
 * {@link ConnectFakeStorage} reads from the Dev Services properties.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(EmbeddedStorageIT.DevServicesOn.class)
@ConnectFakeStorage
class EmbeddedStorageIT {

    /** Dev Services on, which {@code %test} turns off for the WireMock tests; no circuit breakers. */
    public static final class DevServicesOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new NoBreakerProfile().getConfigOverrides());
            overrides.put("quarkus.opengater-storage.devservices.enabled", "true");
            return overrides;
        }
    }

    @InjectFakeStorage
    FakeStorage storage;

    @InjectFakeStorage(client = "documents")
    FakeStorage documents;

    @BeforeEach
    void reset() {
        storage.reset();
        documents.reset();
    }

    @Test
    void theDefaultClientIsRetriedPastTwoInjectedFailures() {
        storage.failNext("/uploads", 503, 2);

        Outcome outcome = Calls.create(Calls.DEFAULT, "application/pdf");

        assertNull(outcome.error(), outcome.message());
        assertTrue(outcome.result().key().matches("it/[0-9a-f]{16}\\.pdf"), outcome.result().key());
        assertEquals(3, storage.requests("/uploads").size());
    }

    @Test
    void uploadedBytesAreReadBackThroughTheHandle() {
        byte[] bytes = "%PDF-1.7 embedded".getBytes(StandardCharsets.US_ASCII);

        Outcome outcome = Calls.uploadBytes(Calls.DEFAULT, bytes, "application/pdf", "docs");

        assertNull(outcome.error(), outcome.message());
        assertArrayEquals(bytes, storage.bytes(outcome.result().key()).orElseThrow());
        assertEquals(List.of(new FakeStorage.StoredObject(outcome.result().key(), "application/pdf", bytes.length)),
                storage.objects());
    }

    @Test
    void documentsRetriesOnceAsConfigured() {
        documents.failNext("/uploads", 503, 2);

        Outcome outcome = Calls.create("documents", "application/pdf");

        assertEquals(503, outcome.status());
        assertEquals("failure injected by the test", outcome.detail());
        assertEquals(2, documents.requests("/uploads").size(), "documents: max-retries 1");
    }
}
