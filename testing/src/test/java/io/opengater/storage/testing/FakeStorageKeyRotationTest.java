package io.opengater.storage.testing;

import static io.opengater.storage.testing.TestHttp.createUpload;
import static io.opengater.storage.testing.TestHttp.deleteObject;
import static io.opengater.storage.testing.TestHttp.postUploads;
import static io.opengater.storage.testing.TestHttp.request;
import static io.opengater.storage.testing.TestHttp.sendString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vertx.core.json.JsonObject;

/**
 * The fake's key can be rotated while it runs, from the test kit over HTTP or in process, as an operator rotates the
 * service's: then only the new key is accepted, the request log tells the two apart without repeating either, and a
 * reset brings back the first one.
 */
class FakeStorageKeyRotationTest {

    private static final String FIRST = "rotation-first-key-41c2";
    private static final String ROTATED = "rotation-second-key-9d07";
    private static final String UPLOAD = "{\"content_type\":\"image/png\",\"prefix\":\"\"}";

    @RegisterExtension
    static final RunningFakeStorage FAKE = new RunningFakeStorage(FIRST);

    @Test
    void afterARotationOnlyTheNewKeyIsAccepted() {
        String key = createUpload(FAKE.baseUrl(), FIRST, "image/png", "before").getString("key");

        FAKE.handle().rotateApiKey(ROTATED);

        HttpResponse<String> old = postUploads(FAKE.baseUrl(), FIRST, UPLOAD);
        assertEquals(403, old.statusCode());
        assertEquals(new JsonObject().put("detail", "Invalid API key"), new JsonObject(old.body()));
        assertEquals(403, deleteObject(FAKE.baseUrl(), FIRST, new JsonObject().put("key", key)).statusCode());
        assertEquals(200, postUploads(FAKE.baseUrl(), ROTATED, UPLOAD).statusCode());
        assertEquals(204, deleteObject(FAKE.baseUrl(), ROTATED, new JsonObject().put("key", key)).statusCode());
        assertEquals(ROTATED, FAKE.server().apiKey());
    }

    @Test
    void theRequestLogJudgesEachKeyByTheOneAcceptedWhenItCame() {
        postUploads(FAKE.baseUrl(), FIRST, UPLOAD);
        FAKE.handle().rotateApiKey(ROTATED);
        postUploads(FAKE.baseUrl(), FIRST, UPLOAD);
        postUploads(FAKE.baseUrl(), ROTATED, UPLOAD);

        assertEquals(List.of("<valid>", "<invalid>", "<valid>"), FAKE.handle().requests("/uploads").stream()
                .map(request -> request.headers().getString("x-api-key")).toList());
        String log = sendString(request(FAKE.baseUrl() + "/_fake/requests").GET()).body();
        assertFalse(log.contains(FIRST), log);
        assertFalse(log.contains(ROTATED), log);
    }

    @Test
    void aResetBringsBackTheKeyTheFakeStartedWith() {
        FAKE.handle().rotateApiKey(ROTATED);

        FAKE.handle().reset();

        assertEquals(200, postUploads(FAKE.baseUrl(), FIRST, UPLOAD).statusCode());
        assertEquals(403, postUploads(FAKE.baseUrl(), ROTATED, UPLOAD).statusCode());
        assertEquals(FIRST, FAKE.server().apiKey());
    }

    @Test
    void theServerRotatesInProcessToo() {
        FAKE.server().rotateApiKey(ROTATED);

        assertEquals(403, postUploads(FAKE.baseUrl(), FIRST, UPLOAD).statusCode());
        assertEquals(200, postUploads(FAKE.baseUrl(), ROTATED, UPLOAD).statusCode());
    }

    @Test
    void aKeyThatCannotBeSentIsRefusedBeforeAnythingIsSentAndNotRepeated() {
        String spaced = "rotated key";
        for (FakeStorageHandleCall rotate : List.<FakeStorageHandleCall> of(FAKE.handle()::rotateApiKey,
                FAKE.server()::rotateApiKey)) {
            assertEquals("apiKey must not be blank",
                    assertThrows(IllegalArgumentException.class, () -> rotate.with(" ")).getMessage());
            assertEquals("apiKey must not be blank",
                    assertThrows(IllegalArgumentException.class, () -> rotate.with(null)).getMessage());
            IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                    () -> rotate.with(spaced));
            assertEquals("apiKey must hold only visible ASCII characters (clients send it as an HTTP header), but"
                    + " has another at index 7", invalid.getMessage());
            assertFalse(invalid.getMessage().contains(spaced));
        }
        assertEquals(200, postUploads(FAKE.baseUrl(), FIRST, UPLOAD).statusCode(), "the first key is still the one");
        assertEquals("apiKey must not be blank",
                assertThrows(IllegalArgumentException.class, () -> FakeStorageServer.start(0, "")).getMessage());
    }

    @Test
    void theAdministrationRouteRefusesABodyItCannotTake() {
        for (String body : List.of("{}", "{\"apiKey\":\"a b\"}", "{\"apiKey\":42}", "not json")) {
            HttpResponse<String> response = sendString(request(FAKE.baseUrl() + "/_fake/api-key")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));

            assertEquals(400, response.statusCode(), body);
            assertTrue(new JsonObject(response.body()).containsKey("detail"), response.body());
        }
        assertEquals(200, postUploads(FAKE.baseUrl(), FIRST, UPLOAD).statusCode(), "the first key is still the one");
    }

    /** One of the two ways to rotate, so that both are held to the same checks. */
    @FunctionalInterface
    private interface FakeStorageHandleCall {
        void with(String apiKey);
    }
}
