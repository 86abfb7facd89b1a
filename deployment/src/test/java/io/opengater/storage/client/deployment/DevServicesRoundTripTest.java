package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.UploadResult;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With no {@code base-url}, Dev Services start the embedded storage and point the clients at it; the whole round
 * trip works against it: create, PUT the bytes, GET them back, delete.
 */
class DevServicesRoundTripTest extends EmbeddedStorageTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StorageUsers.class))
            .setLogRecordPredicate(record -> record.getLoggerName().endsWith("DevServicesRegistryBuildItem"))
            .assertLogRecords(records -> assertTrue(records.stream().anyMatch(record -> String
                    .format(record.getMessage().replace("{0}", "%s").replace("{1}", "%s"), record.getParameters())
                    .matches("The opengater-storage-client dev service is ready to accept connections on"
                            + " http://127\\.0\\.0\\.1:\\d+")),
                    "no log line gives the address: " + records));

    // Pinned to HTTP/1.1, as a browser or an S3 SDK would talk to the presigned URL.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    StorageUsers users;

    @ConfigProperty(name = "quarkus.opengater-storage.\"media\".base-url")
    String mediaBaseUrl;

    @Test
    void theWholeRoundTripWorks() throws Exception {
        byte[] bytes = "PNG bytes, in a manner of speaking".getBytes(StandardCharsets.UTF_8);
        UploadResult upload = users.storage.createUpload("image/png", "news/articles");
        assertTrue(upload.key().matches("news/articles/[0-9a-f]{16}\\.png"), upload.key());

        assertEquals(200, put(upload.uploadUrl(), "image/png", bytes).statusCode());
        HttpResponse<byte[]> served = get(upload.publicUrl());
        assertEquals(200, served.statusCode());
        assertArrayEquals(bytes, served.body());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(bytes, fake.bytes(upload.key()).orElseThrow());

        users.storage.deleteByKey(upload.key());
        assertEquals(404, get(upload.publicUrl()).statusCode());
        StorageNotFoundException again = assertThrows(StorageNotFoundException.class,
                () -> users.storage.deleteByKey(upload.key()));
        assertEquals(404, again.statusCode());
    }

    @Test
    void aPutWithAnotherContentTypeIsRefused() throws Exception {
        UploadResult upload = users.storage.createUpload("image/png");

        HttpResponse<byte[]> refused = put(upload.uploadUrl(), "image/jpeg", new byte[] { 1, 2, 3 });

        assertEquals(403, refused.statusCode());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("<Code>SignatureDoesNotMatch</Code>"));
        assertTrue(fake.objects().isEmpty());
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        fake.urlLifetime(Duration.ZERO); // expired at once
        UploadResult upload = users.storage.createUpload("image/png");

        HttpResponse<byte[]> refused = put(upload.uploadUrl(), "image/png", new byte[] { 1, 2, 3 });

        assertEquals(403, refused.statusCode());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("<Code>AccessDenied</Code>"));
    }

    @Test
    void aWrongKeyIsRefused() {
        try (StorageClient wrongKey = StorageClient.builder().baseUrl(baseUrl).apiKey("not-the-key").build()) {
            StorageAuthException refused = assertThrows(StorageAuthException.class,
                    () -> wrongKey.createUpload("image/png"));
            assertEquals(403, refused.statusCode());
            assertEquals("Invalid API key", refused.detail());
        }
    }

    @Test
    void namedClientsAreServedToo() {
        assertEquals(baseUrl, mediaBaseUrl);
        UploadResult upload = users.media.createUpload("application/pdf", "docs").await().atMost(Duration.ofSeconds(10));
        assertTrue(upload.key().startsWith("docs/"), upload.key());
        assertEquals(1, fake.requests("/uploads").size());
        assertEquals("<valid>", fake.requests("/uploads").get(0).headers().getString("x-api-key"));
    }

    private HttpResponse<byte[]> put(String url, String contentType, byte[] bytes)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Singleton
    static class StorageUsers {
        @Inject
        StorageClient storage;

        @Inject
        @StorageClientName("media")
        ReactiveStorageClient media;
    }
}
