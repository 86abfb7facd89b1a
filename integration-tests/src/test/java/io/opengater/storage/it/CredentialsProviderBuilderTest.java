package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientBuilder;
import io.opengater.storage.it.support.LoudLoggingProfile;
import io.opengater.storage.testing.ConnectFakeStorage;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorageServer;
import io.opengater.storage.testing.InjectFakeStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Clients built at run time read their key from a credentials provider as configured ones do: {@code
 * credentialsProviderName}, {@code credentialsProviderBeanName} and {@code credentialsProviderApiKeyKey}, checked as the
 * start checks the properties, each naming the builder's method.
 */
@QuarkusTest
@TestProfile(LoudLoggingProfile.class)
@WithTestResource(value = CredentialsProviderTest.RotatingKeyStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
@ConnectFakeStorage
class CredentialsProviderBuilderTest {

    private static final String CREDENTIALS = "built-client";

    @InjectFakeStorage
    FakeStorage storage;

    @Inject
    RotatingCredentials credentials;

    @ConfigProperty(name = "quarkus.opengater-storage.base-url")
    String baseUrl;

    private String key;

    @BeforeEach
    void aKnownKey() {
        storage.reset();
        key = FakeStorageServer.generateApiKey();
        storage.rotateApiKey(key);
        credentials.put(CREDENTIALS, Map.of("token", key));
    }

    private StorageClientBuilder fromTheProvider() {
        return StorageClient.builder().baseUrl(baseUrl).credentialsProviderName(CREDENTIALS)
                .credentialsProviderApiKeyKey("token");
    }

    @Test
    void aBuiltClientReadsItsKeyOnFirstUseAndAgainAfterARotation() {
        int reads = credentials.reads(CREDENTIALS);
        try (StorageClient client = fromTheProvider().credentialsProviderBeanName(RotatingCredentials.BEAN_NAME)
                .build()) {
            assertEquals(reads, credentials.reads(CREDENTIALS), "read when built");
            client.createUpload("image/png");
            String rotated = FakeStorageServer.generateApiKey();
            storage.rotateApiKey(rotated);
            credentials.put(CREDENTIALS, Map.of("token", rotated));

            client.createUpload("image/png");

            assertEquals(reads + 2, credentials.reads(CREDENTIALS));
            assertEquals(List.of("<valid>", "<invalid>", "<valid>"), storage.requests("/uploads").stream()
                    .map(request -> request.headers().getString("x-api-key")).toList());
            assertFalse(client.toString().contains(rotated), client.toString());
        }
    }

    /**
     * This application has two providers, the storage key's and the proxy's ({@link ProxyCredentials}), so a client
     * that names none must say which; with one provider, it is used without a name
     * ({@code DevServicesCredentialsProviderTest}).
     */
    @Test
    void withoutABeanNameAndTwoProvidersTheBuilderAsksForTheName() {
        IllegalArgumentException which = assertThrows(IllegalArgumentException.class,
                () -> fromTheProvider().build());

        assertEquals("credentialsProviderName is set, and the application has no CredentialsProvider bean, or more"
                + " than one: add one (such as the Vault extension's), or name the one to use with"
                + " credentialsProviderBeanName", which.getMessage());
        assertEquals(List.of(), storage.requests("/uploads"), "nothing is sent");
    }

    @Test
    void aKeyAndAProviderTogetherAreRefusedNamingBothMethods() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> fromTheProvider().apiKey(key).build());

        assertEquals("apiKey and credentialsProviderName are both set, and the key must come from one of them: leave"
                + " apiKey unset to read the key from the credentials provider, or credentialsProviderName unset to"
                + " use apiKey", both.getMessage());
        assertFalse(both.getMessage().contains(key));
    }

    @Test
    void aBeanNameThatNoProviderHasIsNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> fromTheProvider().credentialsProviderBeanName("vault-credentials-provider").build());

        assertEquals("credentialsProviderBeanName \"vault-credentials-provider\" names no CredentialsProvider bean:"
                + " give the bean @Named(\"vault-credentials-provider\"), or set the name it has",
                unknown.getMessage());
    }

    @Test
    void aBeanNameWithoutCredentialsIsNamed() {
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> StorageClient.builder().baseUrl(baseUrl).apiKey(key)
                        .credentialsProviderBeanName(RotatingCredentials.BEAN_NAME).build());

        assertEquals("credentialsProviderBeanName is set, but credentialsProviderName is not: set it to the name of"
                + " the credentials that hold the API key, or leave both unset", alone.getMessage());
    }
}
