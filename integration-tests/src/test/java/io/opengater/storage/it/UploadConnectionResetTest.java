package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.BreakingProxy;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorageServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * A connection reset in the middle of the body: the PUT is retried from the start and the stored bytes are right.
 * WireMock plays the service and hands out a URL of the fake storage that goes through a proxy which breaks the first
 * connection.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UploadConnectionResetTest extends WireMockStorageTest {

    @Test
    void aResetInTheMiddleOfTheBodyIsRetried() throws Exception {
        try (FakeStorageServer objectStore = FakeStorageServer.start(0, "fake-key");
                BreakingProxy proxy = new BreakingProxy(objectStore.port(), 300 * 1024)) {
            JsonObject upload = presignedUpload(objectStore);
            String viaProxy = upload.getString("upload_url")
                    .replace(":" + objectStore.port() + "/", ":" + proxy.port() + "/");
            wireMock.stubFor(post(UPLOADS).willReturn(okJson(upload.copy().put("upload_url", viaProxy).encode())));
            byte[] bytes = new byte[1024 * 1024];
            new Random(3).nextBytes(bytes);

            UploadResult result = storage.upload(bytes, "image/png", "reset");

            assertTrue(proxy.connections() >= 2, "the first connection was not broken and retried");
            assertArrayEquals(bytes, new FakeStorage(objectStore.baseUrl()).bytes(result.key()).orElseThrow());
        }
    }

    /** An upload from the fake's own service side, whose URL the test then routes through the proxy. */
    private static JsonObject presignedUpload(FakeStorageServer objectStore) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(objectStore.baseUrl() + "/uploads"))
                        .header("X-API-Key", objectStore.apiKey()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"content_type\": \"image/png\", \"prefix\": \"reset\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return new JsonObject(response.body());
    }
}
