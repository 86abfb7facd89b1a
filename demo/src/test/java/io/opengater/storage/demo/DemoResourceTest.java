package io.opengater.storage.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.testing.FakeStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The demo's endpoints against the embedded storage, with the bytes sent as the browser sends them.
 */
@QuarkusTest
class DemoResourceTest {

    @Inject
    FakeStorage storage;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void reset() {
        storage.reset();
    }

    @Test
    void uploadSeeAndDelete() throws Exception {
        byte[] bytes = "hello from the demo".getBytes(StandardCharsets.UTF_8);
        JsonPath upload = given().contentType(ContentType.JSON)
                .body("{\"contentType\": \"text/plain\", \"prefix\": \"demo\"}")
                .post("/api/uploads").then().statusCode(200)
                .body("key", startsWith("demo/")).extract().jsonPath();

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(upload.getString("uploadUrl")))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode());
        assertArrayEquals(bytes, storage.bytes(upload.getString("key")).orElseThrow());
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create(upload.getString("publicUrl")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(bytes, served.body());

        given().queryParam("key", upload.getString("key")).delete("/api/objects").then().statusCode(204);
        assertTrue(storage.objects().isEmpty());
        given().queryParam("key", upload.getString("key")).delete("/api/objects").then().statusCode(404)
                .body("kind", equalTo("not-found")).body("storageStatus", equalTo(404));
    }

    @Test
    void anInvalidContentTypeIsRefusedBeforeTheStorageIsAsked() {
        given().contentType(ContentType.JSON).body("{\"contentType\": \"not a type\"}")
                .post("/api/uploads").then().statusCode(400).body("kind", equalTo("invalid"))
                .body("error", startsWith("contentType must be a media type"))
                .body("detail", startsWith("contentType must be a media type"))
                .body("storageStatus", nullValue());
        assertTrue(storage.requests().isEmpty());
    }

    @Test
    void aContentTypeTheStorageRefusesIsReportedInItsWords() {
        storage.failNext("/uploads", 400, "content type application/x-msdownload is not allowed", 1);
        storage.failNext("/uploads", 415, "Unsupported media type: application/x-msdownload", 1);

        given().contentType(ContentType.JSON).body("{\"contentType\": \"application/x-msdownload\"}")
                .post("/api/uploads").then().statusCode(400).body("kind", equalTo("refused"))
                .body("detail", equalTo("content type application/x-msdownload is not allowed"))
                .body("storageStatus", equalTo(400));
        // a 415 is no StorageBadRequestException, but it refuses the same thing
        given().contentType(ContentType.JSON).body("{\"contentType\": \"application/x-msdownload\"}")
                .post("/api/uploads").then().statusCode(400).body("kind", equalTo("refused"))
                .body("detail", equalTo("Unsupported media type: application/x-msdownload"))
                .body("storageStatus", equalTo(415));
    }

    @Test
    void aRefusedKeyIsTheServersFaultAndShownAsABadGateway() {
        storage.failNext("/uploads", 403, "Invalid API key", 1);

        given().contentType(ContentType.JSON).body("{\"contentType\": \"image/png\"}")
                .post("/api/uploads").then().statusCode(502).body("kind", equalTo("auth"))
                .body("detail", equalTo("Invalid API key")).body("storageStatus", equalTo(403))
                .body("error", equalTo("POST /uploads failed with HTTP 403: Invalid API key"));
    }

    @Test
    void anUnavailableStorageIsA503WithItsRetryAfter() {
        // the first call and the client's two retries
        storage.injectFailure("/uploads", 503, Duration.ZERO, Duration.ofSeconds(1), 3);

        given().contentType(ContentType.JSON).body("{\"contentType\": \"image/png\"}")
                .post("/api/uploads").then().statusCode(503).header("Retry-After", "1")
                .body("kind", equalTo("unavailable")).body("storageStatus", equalTo(503));
        assertEquals(3, storage.requests("/uploads").size());
    }

    @Test
    void anyOtherStorageFailureIsABadGateway() {
        // the client follows no redirect
        storage.failNext("/uploads", 307, 1);

        given().contentType(ContentType.JSON).body("{\"contentType\": \"image/png\"}")
                .post("/api/uploads").then().statusCode(502).body("kind", equalTo("failed"))
                .body("storageStatus", equalTo(307));
    }
}
