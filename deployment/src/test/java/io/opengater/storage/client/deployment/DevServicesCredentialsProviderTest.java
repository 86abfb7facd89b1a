package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.testing.FakeStorage;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client that reads its key from a credentials provider gets only its base-url from Dev Services (an api-key beside
 * the provider would stop the start); the provider gives the embedded storage's key, as devservices.api-key sets it,
 * on the first call, and a key rotated in both the storage and the provider costs one refused request and one read:
 * what a user's own {@code @QuarkusTest} of its rotation does.
 */
class DevServicesCredentialsProviderTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StaticCredentials.class))
            .overrideConfigKey("quarkus.opengater-storage.credentials-provider.name", "storage")
            .overrideConfigKey("quarkus.opengater-storage.devservices.api-key", StaticCredentials.DEV_KEY);

    @Inject
    StorageClient storage;

    @Inject
    StaticCredentials credentials;

    @ConfigProperty(name = "quarkus.opengater-storage.base-url")
    String baseUrl;

    @Test
    void theProviderGivesTheKeyOnFirstUseAndAgainAfterARotation() {
        FakeStorage fake = new FakeStorage(baseUrl);
        fake.reset();
        assertEquals(Optional.empty(),
                ConfigProvider.getConfig().getOptionalValue("quarkus.opengater-storage.api-key", String.class));
        assertEquals(0, credentials.reads(), "read before the first call");

        storage.createUpload("image/png");
        String rotated = "ogs-dev-rotated-key-7310";
        fake.rotateApiKey(rotated);
        credentials.rotate(rotated);
        storage.createUpload("image/png");

        assertEquals(2, credentials.reads());
        assertEquals(List.of("<valid>", "<invalid>", "<valid>"), fake.requests("/uploads").stream()
                .map(request -> request.headers().getString("x-api-key")).toList());
        assertTrue(baseUrl.startsWith("http://127.0.0.1:"), baseUrl);
        fake.reset();
    }
}
