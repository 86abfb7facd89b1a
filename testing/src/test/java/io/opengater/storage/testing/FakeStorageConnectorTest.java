package io.opengater.storage.testing;

import static io.opengater.storage.testing.TestHttp.postUploads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.DevServicesContext;

/**
 * {@link FakeStorageConnector} outside Quarkus: two fakes, one for the default client and one for {@code media}, and
 * the properties that Dev Services or the test's configuration would hold.
 */
class FakeStorageConnectorTest {

    private static final String KEY = "connector-test-key";
    private static final String BODY = "{\"content_type\":\"image/png\"}";
    private static final String MEDIA_BASE_URL = "quarkus.opengater-storage.\"media\".base-url";

    private static FakeStorageServer service;
    private static FakeStorageServer media;

    record Context(Map<String, String> devServicesProperties) implements DevServicesContext {

        @Override
        public Optional<String> containerNetworkId() {
            return Optional.empty();
        }
    }

    static class DefaultClientTest {
        @InjectFakeStorage
        FakeStorage storage;

        FakeStorage notAnnotated;
    }

    static class BothClientsTest extends DefaultClientTest {
        @InjectFakeStorage(client = "media")
        FakeStorage media;
    }

    static class MediaTest {
        @InjectFakeStorage(client = "media")
        FakeStorage media;
    }

    static class UnknownClientTest {
        @InjectFakeStorage(client = "nowhere")
        FakeStorage storage;
    }

    static class WrongTypeTest {
        @InjectFakeStorage
        String storage;
    }

    @BeforeAll
    static void start() {
        service = FakeStorageServer.start(0, KEY);
        media = FakeStorageServer.start(0, KEY);
    }

    @AfterAll
    static void stop() {
        service.close();
        media.close();
    }

    @BeforeEach
    void reset() {
        new FakeStorage(service.baseUrl()).reset();
        new FakeStorage(media.baseUrl()).reset();
    }

    @Test
    void eachFieldGetsTheFakeOfItsClientFromTheDevServicesProperties() {
        FakeStorageConnector connector = connector(Map.of("quarkus.opengater-storage.base-url", service.baseUrl(),
                MEDIA_BASE_URL, media.baseUrl()));
        BothClientsTest test = new BothClientsTest();

        connector.inject(test);

        assertNull(test.notAnnotated);
        test.storage.failNext("/uploads", 503, 1);
        assertEquals(503, postUploads(service.baseUrl(), KEY, BODY).statusCode());
        assertEquals(200, postUploads(media.baseUrl(), KEY, BODY).statusCode());
        assertEquals(200, postUploads(media.baseUrl(), KEY, BODY).statusCode());
        assertEquals(1, test.storage.requests("/uploads").size());
        assertEquals(2, test.media.requests("/uploads").size());

        BothClientsTest next = new BothClientsTest();
        connector.inject(next);
        assertSame(test.media, next.media, "one handle per client and connector");
    }

    @Test
    void theTestsConfigurationIsTheFallback() {
        FakeStorageConnector connector = connector(Map.of());
        MediaTest test = new MediaTest();
        System.setProperty(MEDIA_BASE_URL, media.baseUrl());
        try {
            connector.inject(test);
        } finally {
            System.clearProperty(MEDIA_BASE_URL);
        }

        postUploads(media.baseUrl(), KEY, BODY);
        assertEquals(1, test.media.requests("/uploads").size());
        assertTrue(new FakeStorage(service.baseUrl()).requests().isEmpty());
    }

    @Test
    void aClientWithoutBaseUrlNamesItsProperty() {
        FakeStorageConnector connector = connector(Map.of("quarkus.opengater-storage.base-url", service.baseUrl()));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> connector.inject(new UnknownClientTest()));

        assertTrue(failure.getMessage().startsWith("quarkus.opengater-storage.\"nowhere\".base-url is not set"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("nowhere in its clients argument"), failure.getMessage());
    }

    @Test
    void aFieldOfAnotherTypeIsRefused() {
        FakeStorageConnector connector = connector(Map.of("quarkus.opengater-storage.base-url", service.baseUrl()));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> connector.inject(new WrongTypeTest()));

        assertTrue(failure.getMessage().endsWith("WrongTypeTest.storage is a java.lang.String"),
                failure.getMessage());
    }

    private static FakeStorageConnector connector(Map<String, String> devServicesProperties) {
        FakeStorageConnector connector = new FakeStorageConnector();
        connector.setIntegrationTestContext(new Context(devServicesProperties));
        assertEquals(Map.of(), connector.start());
        return connector;
    }
}
