package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which client names a configuration holds: only a client's own {@code base-url} makes a client. */
class ClientNamesTest {

    private static final String DEFAULT = StorageConfig.DEFAULT_CLIENT_NAME;

    private static Set<String> configured(Set<String> known, String... propertyNames) {
        return ClientNames.configured(List.of(propertyNames), known);
    }

    @Test
    void theDefaultClientInBothSpellings() {
        assertEquals(Set.of(DEFAULT), configured(Set.of(), "quarkus.opengater-storage.base-url"));
        assertEquals(Set.of(DEFAULT), configured(Set.of(), "QUARKUS_OPENGATER_STORAGE_BASE_URL"));
    }

    @Test
    void namedClientsQuotedPlainAndFromTheEnvironment() {
        assertEquals(Set.of("media", "documents", "archive"), configured(Set.of(),
                "quarkus.opengater-storage.\"media\".base-url",
                "quarkus.opengater-storage.documents.base-url",
                "QUARKUS_OPENGATER_STORAGE__ARCHIVE__BASE_URL"));
    }

    @Test
    void groupsAndOtherPropertiesAreNotClients() {
        assertEquals(Set.of(), configured(Set.of(),
                "quarkus.opengater-storage.api-key",
                "quarkus.opengater-storage.timeout",
                "quarkus.opengater-storage.metrics.enabled",
                "quarkus.opengater-storage.tracing.enabled",
                "quarkus.opengater-storage.health.enabled",
                "quarkus.opengater-storage.devservices.enabled",
                "quarkus.opengater-storage.devservices.api-key",
                "quarkus.opengater-storage.upload.timeout",
                "quarkus.opengater-storage.upload.tls-configuration-name",
                "quarkus.opengater-storage.retry.max-retries",
                "quarkus.opengater-storage.circuit-breaker.enabled",
                "quarkus.opengater-storage.\"media\".timeout",
                "quarkus.opengater-storage.\"media\".api-key",
                "quarkus.opengater-storage.media.retry.delay",
                "QUARKUS_OPENGATER_STORAGE_API_KEY",
                "QUARKUS_OPENGATER_STORAGE_DEVSERVICES_API_KEY",
                "QUARKUS_OPENGATER_STORAGE_UPLOAD_TIMEOUT",
                "QUARKUS_OPENGATER_STORAGE__MEDIA__TIMEOUT",
                "quarkus.opengater-storage-extra.base-url",
                "quarkus.rest-client.base-url",
                "%dev.quarkus.opengater-storage.\"media\".base-url",
                "quarkus.opengater-storage.\"media\".upload.base-url"));
    }

    @Test
    void aNameMayHoldDotsAndEqualAGroupName() {
        assertEquals(Set.of("media.eu", "upload", "metrics", "retry"), configured(Set.of(),
                "quarkus.opengater-storage.\"media.eu\".base-url",
                "quarkus.opengater-storage.\"upload\".base-url",
                "quarkus.opengater-storage.\"metrics\".base-url",
                "quarkus.opengater-storage.retry.base-url"));
    }

    @Test
    void anEnvironmentVariableNamesTheKnownClientItSpells() {
        assertEquals(Set.of("Media.EU", "tenant-b"), configured(Set.of("Media.EU", "tenant-b"),
                "QUARKUS_OPENGATER_STORAGE__MEDIA_EU__BASE_URL",
                "QUARKUS_OPENGATER_STORAGE__TENANT_B__BASE_URL"));
        assertEquals(Set.of("media.eu"), configured(Set.of(),
                "quarkus.opengater-storage.\"media.eu\".base-url",
                "QUARKUS_OPENGATER_STORAGE__MEDIA_EU__BASE_URL"));
    }

    @Test
    void anUnknownNameFromTheEnvironmentIsLowerCase() {
        assertEquals(Set.of("tenant_b"), configured(Set.of(), "QUARKUS_OPENGATER_STORAGE__TENANT_B__BASE_URL"));
    }

    @Test
    void environmentVariableOfAProperty() {
        assertEquals("QUARKUS_OPENGATER_STORAGE__MEDIA_EU__BASE_URL",
                ClientNames.environmentVariable("quarkus.opengater-storage.\"media.eu\".base-url"));
        assertEquals("QUARKUS_OPENGATER_STORAGE_API_KEY",
                ClientNames.environmentVariable("quarkus.opengater-storage.api-key"));
    }

    @Test
    void groupsSpelledAsEnvironmentVariablesAreNotClients() {
        assertEquals(Set.of(), configured(Set.of("media"),
                "QUARKUS_OPENGATER_STORAGE_METRICS_ENABLED",
                "QUARKUS_OPENGATER_STORAGE_TRACING_ENABLED",
                "QUARKUS_OPENGATER_STORAGE_HEALTH_ENABLED",
                "QUARKUS_OPENGATER_STORAGE_DEVSERVICES_ENABLED",
                "QUARKUS_OPENGATER_STORAGE_DEVSERVICES_PORT",
                "QUARKUS_OPENGATER_STORAGE_RETRY_MAX_RETRIES",
                "QUARKUS_OPENGATER_STORAGE__MEDIA__API_KEY",
                "QUARKUS_OPENGATER_STORAGE__MEDIA__RETRY_DELAY",
                "QUARKUS_OPENGATER_STORAGE_BASE_URL_EXTRA",
                "XQUARKUS_OPENGATER_STORAGE_BASE_URL"));
    }

    @Test
    void bothSpellingsOfOneClientAreOneClient() {
        assertEquals(Set.of(DEFAULT, "media", "tenant-b"), configured(Set.of("tenant-b"),
                "quarkus.opengater-storage.base-url",
                "QUARKUS_OPENGATER_STORAGE_BASE_URL",
                "quarkus.opengater-storage.\"media\".base-url",
                "QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL",
                "QUARKUS_OPENGATER_STORAGE__TENANT_B__BASE_URL"));
    }

    @Test
    void aKnownNameIsFoundOnlyByItsOwnVariable() {
        assertEquals(Set.of("media", "media-eu", "archive_2"), configured(Set.of("media", "media-eu"),
                "QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL",
                "QUARKUS_OPENGATER_STORAGE__MEDIA_EU__BASE_URL",
                "QUARKUS_OPENGATER_STORAGE__ARCHIVE_2__BASE_URL"));
    }

    @Test
    void environmentVariableOfANameOrAProperty() {
        assertEquals("MEDIA", ClientNames.environmentVariable("media"));
        assertEquals("TENANT_B_2", ClientNames.environmentVariable("tenant-b.2"));
        assertEquals("QUARKUS_OPENGATER_STORAGE_BASE_URL",
                ClientNames.environmentVariable("quarkus.opengater-storage.base-url"));
        assertEquals("QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL",
                ClientNames.environmentVariable("quarkus.opengater-storage.\"media\".base-url"));
        assertEquals("QUARKUS_OPENGATER_STORAGE__CAF___BASE_URL",
                ClientNames.environmentVariable("quarkus.opengater-storage.\"caf\u00e9\".base-url"));
    }
}
