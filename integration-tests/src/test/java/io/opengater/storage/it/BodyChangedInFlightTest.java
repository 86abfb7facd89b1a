package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageBadRequestException;
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
 * A body changed in flight: a proxy between the client and the embedded storage inverts one byte of the
 * {@code PUT}'s body. The storage checks the {@code Content-MD5} the client sent, stores nothing and answers
 * {@code 400 BadDigest}, which the caller gets as a {@link StorageBadRequestException}; it is not retried. WireMock
 * plays the service and hands out the storage's URL through the proxy.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BodyChangedInFlightTest extends WireMockStorageTest {

    /** Past any request head: a byte of the body. */
    private static final long FLIPPED_BYTE = 64 * 1024;

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Test
    void bytesChangedOnTheWayAreRefusedWithBadDigestAndNotStored() throws Exception {
        byte[] bytes = new byte[1024 * 1024];
        new Random(4).nextBytes(bytes);

        assertBadDigest(() -> storage.upload(bytes, "application/octet-stream", "flipped"));
    }

    @Test
    void aFileChangedOnTheWayIsRefusedWithBadDigestAndNotStored() throws Exception {
        Path file = Files.createTempFile("flipped-", ".bin");
        file.toFile().deleteOnExit();
        byte[] bytes = new byte[2 * 1024 * 1024];
        new Random(5).nextBytes(bytes);
        Files.write(file, bytes);

        assertBadDigest(() -> reactiveStorage.upload(file, "application/octet-stream", "flipped").await()
                .atMost(Duration.ofSeconds(30)));
    }

    private void assertBadDigest(Executable uploadThroughTheProxy) throws Exception {
        try (FakeStorageServer objectStore = FakeStorageServer.start(0, "fake-key");
                BreakingProxy proxy = BreakingProxy.flippingByteAt(objectStore.port(), FLIPPED_BYTE)) {
            FakeStorage fake = new FakeStorage(objectStore.baseUrl());
            JsonObject upload = presignedUpload(objectStore);
            String viaProxy = upload.getString("upload_url")
                    .replace(":" + objectStore.port() + "/", ":" + proxy.port() + "/");
            wireMock.stubFor(post(UPLOADS).willReturn(okJson(upload.copy().put("upload_url", viaProxy).encode())));

            StorageBadRequestException refused = assertThrows(StorageBadRequestException.class,
                    uploadThroughTheProxy);

            assertEquals(1, proxy.flipped(), "the proxy changed no byte");
            assertEquals(400, refused.statusCode());
            assertEquals("BadDigest: The Content-MD5 you specified did not match what we received.",
                    refused.detail());
            assertTrue(refused.operation().startsWith("PUT http://127.0.0.1:" + proxy.port() + "/bucket/"),
                    refused.operation());
            assertEquals(List.of(), fake.objects());
            assertEquals(1, fake.requests().stream().filter(r -> r.method().equals("PUT")).count(),
                    "a 400 is not retried");
            assertTrue(fake.requests().get(fake.requests().size() - 1).headers().containsKey("content-md5"));
        }
    }

    /** An upload of application/octet-stream from the fake's own service side, routed by the test through the proxy. */
    private static JsonObject presignedUpload(FakeStorageServer objectStore) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(objectStore.baseUrl() + "/uploads"))
                        .header("X-API-Key", objectStore.apiKey()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"content_type\": \"application/octet-stream\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return new JsonObject(response.body());
    }
}
