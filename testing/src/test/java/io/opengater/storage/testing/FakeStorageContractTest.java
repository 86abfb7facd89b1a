package io.opengater.storage.testing;

import static io.opengater.storage.testing.TestHttp.createUpload;
import static io.opengater.storage.testing.TestHttp.deleteObject;
import static io.opengater.storage.testing.TestHttp.get;
import static io.opengater.storage.testing.TestHttp.postUploads;
import static io.opengater.storage.testing.TestHttp.put;
import static io.opengater.storage.testing.TestHttp.request;
import static io.opengater.storage.testing.TestHttp.sendString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The fake speaks the wire contract (CONTRACT.md sections 1 and 7), and its admin API tells what happened. */
class FakeStorageContractTest {

    private static final String KEY = "contract-test-key-7f3a";
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
            'D', 'R', (byte) 0xff, 0x00, 0x7f };

    @RegisterExtension
    static final RunningFakeStorage FAKE = new RunningFakeStorage(KEY);

    // ---- POST /uploads ----

    @Test
    void createsAnUploadWithKeyUnderThePrefix() {
        HttpResponse<String> response = postUploads(FAKE.baseUrl(), KEY,
                "{\"content_type\":\"image/png\",\"prefix\":\"news/articles\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonObject body = new JsonObject(response.body());
        String key = body.getString("key");
        assertTrue(key.matches("news/articles/[0-9a-f]{16}\\.png"), key);
        assertTrue(body.getString("upload_url").startsWith(FAKE.baseUrl() + "/bucket/" + key + "?"), body.encode());
        assertTrue(body.getString("upload_url").contains("X-Signature="), body.encode());
        assertEquals(FAKE.baseUrl() + "/public/" + key, body.getString("public_url"));
    }

    @Test
    void keysAreRandomAndFollowTheContentTypeAndPrefix() {
        String first = createUpload(FAKE.baseUrl(), KEY, "image/png", "news/articles").getString("key");
        String second = createUpload(FAKE.baseUrl(), KEY, "image/png", "news/articles").getString("key");
        assertFalse(first.equals(second), "two uploads got the same key " + first);

        assertTrue(createUpload(FAKE.baseUrl(), KEY, "image/jpeg", "").getString("key").matches("[0-9a-f]{16}\\.jpg"));
        assertTrue(createUpload(FAKE.baseUrl(), KEY, "application/pdf", "/docs/").getString("key")
                .matches("docs/[0-9a-f]{16}\\.pdf"));
        assertTrue(createUpload(FAKE.baseUrl(), KEY, "Image/PNG; charset=binary", "p").getString("key")
                .matches("p/[0-9a-f]{16}\\.png"));
        assertTrue(createUpload(FAKE.baseUrl(), KEY, "application/x-unknown", "raw").getString("key")
                .matches("raw/[0-9a-f]{16}"));
        // prefix is optional on the wire
        HttpResponse<String> noPrefix = postUploads(FAKE.baseUrl(), KEY, "{\"content_type\":\"text/plain\"}");
        assertEquals(200, noPrefix.statusCode(), noPrefix.body());
        assertTrue(new JsonObject(noPrefix.body()).getString("key").matches("[0-9a-f]{16}\\.txt"));
    }

    @Test
    void missingApiKeyIs401() {
        HttpResponse<String> response = postUploads(FAKE.baseUrl(), null,
                "{\"content_type\":\"image/png\",\"prefix\":\"\"}");

        assertEquals(401, response.statusCode());
        assertEquals(new JsonObject().put("detail", "Not authenticated"), new JsonObject(response.body()));
        assertTrue(FAKE.handle().objects().isEmpty());
    }

    @Test
    void wrongApiKeyIs403() {
        HttpResponse<String> response = postUploads(FAKE.baseUrl(), KEY + "x",
                "{\"content_type\":\"image/png\",\"prefix\":\"\"}");

        assertEquals(403, response.statusCode());
        assertEquals(new JsonObject().put("detail", "Invalid API key"), new JsonObject(response.body()));
    }

    @Test
    void missingContentTypeIs422WithItsLocation() {
        HttpResponse<String> response = postUploads(FAKE.baseUrl(), KEY, "{\"prefix\":\"news\"}");

        assertEquals(422, response.statusCode());
        JsonArray detail = assertInstanceOf(JsonArray.class, new JsonObject(response.body()).getValue("detail"));
        assertEquals(1, detail.size());
        JsonObject error = detail.getJsonObject(0);
        assertEquals(new JsonArray().add("body").add("content_type"), error.getJsonArray("loc"));
        assertEquals("value_error.missing", error.getString("type"));
        assertEquals("field required", error.getString("msg"));
    }

    @Test
    void wronglyTypedFieldsAre422() {
        HttpResponse<String> number = postUploads(FAKE.baseUrl(), KEY, "{\"content_type\":42}");
        assertEquals(422, number.statusCode());
        assertEquals(new JsonArray().add("body").add("content_type"),
                new JsonObject(number.body()).getJsonArray("detail").getJsonObject(0).getJsonArray("loc"));

        HttpResponse<String> prefix = postUploads(FAKE.baseUrl(), KEY,
                "{\"content_type\":\"image/png\",\"prefix\":[1]}");
        assertEquals(422, prefix.statusCode());
        assertEquals(new JsonArray().add("body").add("prefix"),
                new JsonObject(prefix.body()).getJsonArray("detail").getJsonObject(0).getJsonArray("loc"));
    }

    @Test
    void bodyThatIsNotJsonIs422() {
        for (String body : List.of("this is not json", "[1,2]", "")) {
            HttpResponse<String> response = postUploads(FAKE.baseUrl(), KEY, body);

            assertEquals(422, response.statusCode(), "for body '" + body + "'");
            JsonArray detail = new JsonObject(response.body()).getJsonArray("detail");
            assertEquals(new JsonArray().add("body"), detail.getJsonObject(0).getJsonArray("loc"));
        }
    }

    @Test
    void unknownRouteIs404() {
        HttpResponse<String> response = sendString(request(FAKE.baseUrl() + "/nope").GET());

        assertEquals(404, response.statusCode());
        assertEquals(new JsonObject().put("detail", "Not Found"), new JsonObject(response.body()));
    }

    // ---- the presigned PUT and the public GET ----

    @Test
    void putThenGetReturnsTheSameBytesAndContentType() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news/articles");

        HttpResponse<String> stored = put(upload.getString("upload_url"), "image/png", PNG);
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals("*", stored.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(stored.headers().firstValue("ETag").isPresent());

        HttpResponse<byte[]> fetched = get(upload.getString("public_url"));
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(PNG, fetched.body());
        assertEquals("image/png", fetched.headers().firstValue("Content-Type").orElse(null));
        assertEquals("*", fetched.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        HttpResponse<Void> head = TestHttp.send(request(upload.getString("public_url"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(PNG.length), head.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    void putReplacesAnEarlierUploadToTheSameUrl() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "text/plain", "notes");
        assertEquals(200, put(upload.getString("upload_url"), "text/plain", "first".getBytes()).statusCode());
        assertEquals(200, put(upload.getString("upload_url"), "text/plain", "second!".getBytes()).statusCode());

        assertEquals("second!", new String(get(upload.getString("public_url")).body(), StandardCharsets.UTF_8));
        assertEquals(List.of(new FakeStorage.StoredObject(upload.getString("key"), "text/plain", 7)),
                FAKE.handle().objects());
    }

    @Test
    void emptyBodyIsStored() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "application/json", "");

        assertEquals(200, put(upload.getString("upload_url"), "application/json", new byte[0]).statusCode());

        HttpResponse<byte[]> fetched = get(upload.getString("public_url"));
        assertEquals(200, fetched.statusCode());
        assertEquals(0, fetched.body().length);
        assertEquals(0, FAKE.handle().objects().get(0).size());
    }

    @Test
    void keysWithReservedCharactersRoundTrip() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "a b+c/ü&?#");
        String key = upload.getString("key");
        assertTrue(key.matches("a b\\+c/ü&\\?#/[0-9a-f]{16}\\.png"), key);

        assertEquals(200, put(upload.getString("upload_url"), "image/png", PNG).statusCode());

        assertArrayEquals(PNG, get(upload.getString("public_url")).body());
        assertEquals(key, FAKE.handle().objects().get(0).key());
        assertArrayEquals(PNG, FAKE.handle().bytes(key).orElseThrow());
        assertEquals(204, deleteObject(FAKE.baseUrl(), KEY,
                new JsonObject().put("public_url", upload.getString("public_url")))
                .statusCode());
        assertTrue(FAKE.handle().objects().isEmpty());
    }

    @Test
    void putWithAnotherContentTypeIsSignatureDoesNotMatch() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");

        HttpResponse<String> response = put(upload.getString("upload_url"), "image/jpeg", PNG);

        assertEquals(403, response.statusCode());
        assertEquals("application/xml", response.headers().firstValue("Content-Type").orElse(null));
        assertTrue(response.body().startsWith("<?xml"), response.body());
        assertTrue(response.body().contains("<Code>SignatureDoesNotMatch</Code>"), response.body());
        assertTrue(FAKE.handle().objects().isEmpty());
        assertEquals(404, get(upload.getString("public_url")).statusCode());
    }

    @Test
    void tamperedSignatureIsSignatureDoesNotMatch() {
        String url = createUpload(FAKE.baseUrl(), KEY, "image/png", "news").getString("upload_url");
        int at = url.indexOf("X-Signature=") + "X-Signature=".length();
        char flipped = url.charAt(at) == '0' ? '1' : '0';
        String tampered = url.substring(0, at) + flipped + url.substring(at + 1);

        HttpResponse<String> response = put(tampered, "image/png", PNG);

        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("<Code>SignatureDoesNotMatch</Code>"), response.body());
        assertTrue(FAKE.handle().objects().isEmpty());
    }

    @Test
    void signatureCoversTheKeyAndTheExpiry() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        String url = upload.getString("upload_url");
        String key = upload.getString("key");

        String otherKey = url.replace(key, key.replace(".png", ".gif"));
        HttpResponse<String> elsewhere = put(otherKey, "image/png", PNG);
        assertEquals(403, elsewhere.statusCode());
        assertTrue(elsewhere.body().contains("<Code>SignatureDoesNotMatch</Code>"), elsewhere.body());

        String later = url.replaceFirst("X-Expires=(\\d+)", "X-Expires=99999999999");
        HttpResponse<String> extended = put(later, "image/png", PNG);
        assertEquals(403, extended.statusCode());
        assertTrue(extended.body().contains("<Code>SignatureDoesNotMatch</Code>"), extended.body());

        HttpResponse<String> unsigned = put(url.substring(0, url.indexOf('?')), "image/png", PNG);
        assertEquals(403, unsigned.statusCode());
        assertTrue(unsigned.body().contains("<Code>AccessDenied</Code>"), unsigned.body());
        assertTrue(FAKE.handle().objects().isEmpty());
    }

    @Test
    void expiredUrlIsAccessDenied() throws InterruptedException {
        FAKE.handle().urlLifetime(Duration.ZERO);
        // zero is expired at once, within the same second too
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");

        HttpResponse<String> response = put(upload.getString("upload_url"), "image/png", PNG);

        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("<Code>AccessDenied</Code>"), response.body());
        assertTrue(response.body().contains("Request has expired"), response.body());
        assertTrue(FAKE.handle().objects().isEmpty());

        FAKE.handle().reset(); // restores the lifetime
        JsonObject fresh = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        Thread.sleep(1100);
        assertEquals(200, put(fresh.getString("upload_url"), "image/png", PNG).statusCode());
    }

    @Test
    void putWithTheBodysContentMd5IsStored() throws Exception {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");

        HttpResponse<String> response = sendString(request(upload.getString("upload_url"))
                .header("Content-Type", "image/png").header("Content-MD5", md5(PNG))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG)));

        assertEquals(200, response.statusCode(), response.body());
        assertArrayEquals(PNG, FAKE.handle().bytes(upload.getString("key")).orElseThrow());
    }

    @Test
    void putWhoseBytesDifferFromItsContentMd5IsBadDigestAndStoresNothing() throws Exception {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        byte[] changed = PNG.clone();
        changed[changed.length - 1] ^= 1;

        HttpResponse<String> response = sendString(request(upload.getString("upload_url"))
                .header("Content-Type", "image/png").header("Content-MD5", md5(PNG))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(changed)));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("<Code>BadDigest</Code><Message>The Content-MD5 you specified did not"
                + " match what we received.</Message>"), response.body());
        assertTrue(FAKE.handle().objects().isEmpty());
        assertEquals(404, get(upload.getString("public_url")).statusCode());
    }

    @Test
    void putWithAContentMd5ThatIsNoMd5IsInvalidDigest() throws Exception {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        String tooShort = Base64.getEncoder().encodeToString(new byte[15]);

        for (String invalid : List.of("not base64!", tooShort, "")) {
            HttpResponse<String> response = sendString(request(upload.getString("upload_url"))
                    .header("Content-Type", "image/png").header("Content-MD5", invalid)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG)));

            assertEquals(400, response.statusCode(), invalid);
            assertTrue(response.body().contains("<Code>InvalidDigest</Code>"), response.body());
        }
        assertTrue(FAKE.handle().objects().isEmpty());
    }

    private static String md5(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void putWithoutContentLengthIs411() throws Exception {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        // ofInputStream has no known length: the JDK client sends it chunked
        HttpResponse<String> response = sendString(request(upload.getString("upload_url"))
                .header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(PNG))));

        assertEquals(411, response.statusCode());
        assertTrue(response.body().contains("<Code>MissingContentLength</Code>"), response.body());
        assertTrue(FAKE.handle().objects().isEmpty());
    }

    @Test
    void getOfAnUnknownKeyIsNoSuchKey() {
        HttpResponse<byte[]> response = get(FAKE.baseUrl() + "/public/never/uploaded.png");

        assertEquals(404, response.statusCode());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("<Code>NoSuchKey</Code>"));
    }

    @Test
    void preflightOnTheUploadUrlAllowsPut() {
        String url = createUpload(FAKE.baseUrl(), KEY, "image/png", "news").getString("upload_url");

        HttpResponse<String> response = sendString(request(url).header("Origin", "http://app.example")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertEquals(204, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String methods = response.headers().firstValue("Access-Control-Allow-Methods").orElse("");
        assertTrue(List.of(methods.split("\\s*,\\s*")).contains("PUT"), methods);
        assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()
                .contains("content-type"));
    }

    // ---- DELETE /objects ----

    @Test
    void deleteByKey() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        assertEquals(200, put(upload.getString("upload_url"), "image/png", PNG).statusCode());
        JsonObject byKey = new JsonObject().put("key", upload.getString("key"));

        HttpResponse<String> deleted = deleteObject(FAKE.baseUrl(), KEY, byKey);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());

        assertEquals(404, get(upload.getString("public_url")).statusCode());
        assertTrue(FAKE.handle().objects().isEmpty());
        assertEquals(Optional.empty(), FAKE.handle().bytes(upload.getString("key")));

        HttpResponse<String> again = deleteObject(FAKE.baseUrl(), KEY, byKey);
        assertEquals(404, again.statusCode());
        assertEquals(new JsonObject().put("detail", "Object not found"), new JsonObject(again.body()));
    }

    @Test
    void deleteByPublicUrl() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        assertEquals(200, put(upload.getString("upload_url"), "image/png", PNG).statusCode());
        JsonObject byUrl = new JsonObject().put("public_url", upload.getString("public_url"));

        assertEquals(204, deleteObject(FAKE.baseUrl(), KEY, byUrl).statusCode());

        assertEquals(404, get(upload.getString("public_url")).statusCode());
        assertTrue(FAKE.handle().objects().isEmpty());
        HttpResponse<String> again = deleteObject(FAKE.baseUrl(), KEY, byUrl);
        assertEquals(404, again.statusCode());
        assertEquals(new JsonObject().put("detail", "Object not found"), new JsonObject(again.body()));
    }

    @Test
    void deleteOfUnknownObjectsAndBadBodies() {
        assertEquals(404, deleteObject(FAKE.baseUrl(), KEY,
                new JsonObject().put("key", "never/issued.png")).statusCode());
        assertEquals(404, deleteObject(FAKE.baseUrl(), KEY,
                new JsonObject().put("public_url", "https://elsewhere/x.png"))
                .statusCode());
        HttpResponse<String> empty = deleteObject(FAKE.baseUrl(), KEY, new JsonObject());
        assertEquals(400, empty.statusCode());
        assertEquals("key or public_url is required", new JsonObject(empty.body()).getString("detail"));

        HttpResponse<String> wrongKey = deleteObject(FAKE.baseUrl(), "nope", new JsonObject().put("key", "x"));
        assertEquals(403, wrongKey.statusCode());
        assertEquals(new JsonObject().put("detail", "Invalid API key"), new JsonObject(wrongKey.body()));
    }

    @Test
    void deleteOfAnIssuedButNeverUploadedKeySucceeds() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");

        assertEquals(204, deleteObject(FAKE.baseUrl(), KEY,
                new JsonObject().put("key", upload.getString("key"))).statusCode());
        assertEquals(404, deleteObject(FAKE.baseUrl(), KEY,
                new JsonObject().put("key", upload.getString("key"))).statusCode());
    }

    // ---- the admin API ----

    @Test
    void handleReportsObjectsBytesAndRequests() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news/articles");
        assertEquals(200, put(upload.getString("upload_url"), "image/png", PNG).statusCode());
        postUploads(FAKE.baseUrl(), "wrong-key", "{\"content_type\":\"image/png\",\"prefix\":\"\"}");
        postUploads(FAKE.baseUrl(), null, "{\"content_type\":\"image/png\",\"prefix\":\"\"}");
        String key = upload.getString("key");

        assertEquals(List.of(new FakeStorage.StoredObject(key, "image/png", PNG.length)), FAKE.handle().objects());
        assertArrayEquals(PNG, FAKE.handle().bytes(key).orElseThrow());
        assertEquals(Optional.empty(), FAKE.handle().bytes("not/there.png"));

        List<FakeStorage.ReceivedRequest> requests = FAKE.handle().requests();
        assertEquals(List.of("POST /uploads", "PUT /bucket/" + key, "POST /uploads", "POST /uploads"),
                requests.stream().map(r -> r.method() + " " + r.path()).toList());
        FakeStorage.ReceivedRequest first = requests.get(0);
        assertEquals("<valid>", first.headers().getString("x-api-key"));
        assertEquals("application/json", first.headers().getString("content-type"));
        assertEquals(new JsonObject().put("content_type", "image/png").put("prefix", "news/articles"),
                new JsonObject(first.body()));
        assertEquals("image/png", requests.get(1).headers().getString("content-type"));
        assertNull(requests.get(1).body());
        assertEquals("<invalid>", requests.get(2).headers().getString("x-api-key"));
        assertFalse(requests.get(3).headers().containsKey("x-api-key"));
        assertEquals(3, FAKE.handle().requests("/uploads").size());
        for (FakeStorage.ReceivedRequest request : requests) {
            assertFalse(request.toString().contains(KEY), "the API key leaked into " + request);
        }
        assertFalse(sendString(request(FAKE.baseUrl() + "/_fake/requests").GET()).body().contains(KEY));
        // admin calls are not recorded
        assertEquals(4, FAKE.handle().requests().size());
    }

    @Test
    void resetForgetsEverything() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        assertEquals(200, put(upload.getString("upload_url"), "image/png", PNG).statusCode());
        FAKE.handle().failNext("/uploads", 500, 5);
        FAKE.handle().urlLifetime(Duration.ZERO);

        FAKE.handle().reset();

        assertTrue(FAKE.handle().objects().isEmpty());
        assertTrue(FAKE.handle().requests().isEmpty());
        assertEquals(404, get(upload.getString("public_url")).statusCode());
        assertEquals(404, deleteObject(FAKE.baseUrl(), KEY,
                new JsonObject().put("key", upload.getString("key"))).statusCode());
        assertEquals(200, postUploads(FAKE.baseUrl(), KEY, "{\"content_type\":\"image/png\"}").statusCode());
    }

    @Test
    void failNextFailsExactlyThatManyRequests() {
        FAKE.handle().failNext("/uploads", 503, 2);
        String body = "{\"content_type\":\"image/png\",\"prefix\":\"\"}";

        HttpResponse<String> first = postUploads(FAKE.baseUrl(), KEY, body);
        HttpResponse<String> second = postUploads(FAKE.baseUrl(), KEY, body);
        HttpResponse<String> third = postUploads(FAKE.baseUrl(), KEY, body);
        HttpResponse<String> fourth = postUploads(FAKE.baseUrl(), KEY, body);

        assertEquals(503, first.statusCode());
        assertEquals(new JsonObject().put("detail", "failure injected by the test"), new JsonObject(first.body()));
        assertEquals(503, second.statusCode());
        assertEquals(200, third.statusCode(), third.body());
        assertEquals(200, fourth.statusCode(), fourth.body());
        assertTrue(first.headers().firstValue("Retry-After").isEmpty());
        assertEquals(4, FAKE.handle().requests("/uploads").size());
    }

    @Test
    void anInjectedFailureSaysTheDetailItWasGiven() {
        FAKE.handle().failNext("/uploads", 400, "content type application/x-msdownload is not allowed", 1);
        FAKE.handle().failNext("/bucket/", 413, "Your proposed upload exceeds the <maximum> size & more", 1);

        HttpResponse<String> refused = postUploads(FAKE.baseUrl(), KEY,
                "{\"content_type\":\"application/x-msdownload\"}");
        assertEquals(400, refused.statusCode());
        assertEquals(new JsonObject().put("detail", "content type application/x-msdownload is not allowed"),
                new JsonObject(refused.body()));

        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        HttpResponse<String> tooLarge = put(upload.getString("upload_url"), "image/png", PNG);
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.body().contains("<Message>Your proposed upload exceeds the &lt;maximum&gt; size &amp; more"
                + "</Message>"), tooLarge.body());
        assertTrue(FAKE.handle().objects().isEmpty());
    }

    @Test
    void aPreflightIsNeitherFailedNorCounted() {
        String url = createUpload(FAKE.baseUrl(), KEY, "image/png", "news").getString("upload_url");
        FAKE.handle().failNext("/bucket/", 503, 1);

        HttpResponse<String> preflight = sendString(request(url).header("Origin", "http://app.example")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> failed = put(url, "image/png", PNG);

        assertEquals(204, preflight.statusCode());
        assertEquals(503, failed.statusCode());
        assertTrue(failed.body().contains("<Message>failure injected by the test</Message>"), failed.body());
        assertEquals(200, put(url, "image/png", PNG).statusCode());
    }

    @Test
    void failuresOnlyHitTheirPath() {
        FAKE.handle().failNext("/objects", 500, 1);

        assertEquals(200, postUploads(FAKE.baseUrl(), KEY, "{\"content_type\":\"image/png\"}").statusCode());
        assertEquals(500, deleteObject(FAKE.baseUrl(), KEY, new JsonObject().put("key", "x")).statusCode());
        assertEquals(404, deleteObject(FAKE.baseUrl(), KEY, new JsonObject().put("key", "x")).statusCode());
    }

    @Test
    void injectedFailureCarriesRetryAfterAndDelay() {
        FAKE.handle().injectFailure("/uploads", 429, Duration.ofMillis(300), Duration.ofSeconds(2), 1);

        long started = System.nanoTime();
        HttpResponse<String> response = postUploads(FAKE.baseUrl(), KEY, "{\"content_type\":\"image/png\"}");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(429, response.statusCode());
        assertEquals("2", response.headers().firstValue("Retry-After").orElse(null));
        assertTrue(tookMillis >= 290, "responded after " + tookMillis + " ms");
        assertEquals(200, postUploads(FAKE.baseUrl(), KEY, "{\"content_type\":\"image/png\"}").statusCode());
    }

    @Test
    void delayWithoutStatusServesTheRequestLate() {
        FAKE.handle().injectFailure("/uploads", 0, Duration.ofMillis(300), null, 1);

        long started = System.nanoTime();
        HttpResponse<String> response = postUploads(FAKE.baseUrl(), KEY,
                "{\"content_type\":\"image/png\",\"prefix\":\"slow\"}");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(new JsonObject(response.body()).getString("key").startsWith("slow/"));
        assertTrue(tookMillis >= 290, "responded after " + tookMillis + " ms");
    }

    @Test
    void delayedPutStillStoresTheWholeBody() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        FAKE.handle().injectFailure("/bucket/", 0, Duration.ofMillis(200), null, 1);

        assertEquals(200, put(upload.getString("upload_url"), "image/png", PNG).statusCode());
        assertArrayEquals(PNG, get(upload.getString("public_url")).body());
    }

    @Test
    void injectedFailureOnTheBucketIsAnS3Error() {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "image/png", "news");
        FAKE.handle().injectFailure("/bucket/", 503, Duration.ZERO, Duration.ofSeconds(1), 1);

        HttpResponse<String> failed = put(upload.getString("upload_url"), "image/png", PNG);
        assertEquals(503, failed.statusCode());
        assertTrue(failed.body().contains("<Code>InjectedFailure</Code>"), failed.body());
        assertEquals("1", failed.headers().firstValue("Retry-After").orElse(null));
        assertTrue(FAKE.handle().objects().isEmpty());

        assertEquals(200, put(upload.getString("upload_url"), "image/png", PNG).statusCode());
        assertArrayEquals(PNG, FAKE.handle().bytes(upload.getString("key")).orElseThrow());
    }
}
