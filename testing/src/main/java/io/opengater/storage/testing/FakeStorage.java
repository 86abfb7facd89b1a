package io.opengater.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The handle tests use on the fake opengater-storage that Dev Services started for the application (or any
 * {@link FakeStorageServer}): what is stored, which requests came in, failures to inject, and the key it accepts.
 * <p>
 * In a {@code @QuarkusTest}, inject it as a bean: it is the default client's fake. In any Quarkus test,
 * {@code @QuarkusIntegrationTest}s of the packaged application included, annotate the class
 * {@link ConnectFakeStorage} and the field {@link InjectFakeStorage}, which also reaches a named client's fake.
 * Outside Quarkus, {@link #FakeStorage(String)} takes the fake's address.
 *
 * <pre>
 * &#64;QuarkusTest
 * class AvatarServiceTest {
 *     &#64;Inject
 *     FakeStorage storage;
 *
 *     &#64;Test
 *     void retriesWhenStorageIsOverloaded() {
 *         storage.reset();
 *         storage.failNext("/uploads", 503, 2);
 *         ... call the code under test ...
 *         assertEquals(3, storage.requests("/uploads").size());
 *     }
 * }
 * </pre>
 */
@ApplicationScoped
public class FakeStorage {

    /** An object the fake holds. */
    public record StoredObject(String key, String contentType, long size) {
    }

    /**
     * A request the fake received. The API key is never repeated: its header reads {@code <valid>} or
     * {@code <invalid>}, for the key the fake accepted when the request came.
     *
     * @param method the HTTP method
     * @param path the path, without the query
     * @param headers the headers, names in lower case
     * @param body the JSON body of a service call, or {@code null}
     * @param clientPort the port it came from: the requests of one connection share it
     */
    public record ReceivedRequest(String method, String path, JsonObject headers, String body, int clientPort) {
    }

    // Pinned to HTTP/1.1: the JDK client's default h2c upgrade is refused by many servers.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    @Inject
    FakeStorage(@ConfigProperty(name = "quarkus.opengater-storage.base-url") Optional<String> baseUrl) {
        this(baseUrl.orElseThrow(() -> new IllegalStateException(
                "quarkus.opengater-storage.base-url is not set: FakeStorage needs the storage Dev Services started")));
    }

    /**
     * @param baseUrl the fake's address, as {@link FakeStorageServer#baseUrl()}
     */
    public FakeStorage(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** @return the objects stored, in no particular order */
    public List<StoredObject> objects() {
        return get("/objects").map(JsonArray::new).orElseThrow().stream().map(JsonObject.class::cast)
                .map(o -> new StoredObject(o.getString("key"), o.getString("contentType"), o.getLong("size")))
                .toList();
    }

    /**
     * @param key the object's key
     * @return its bytes, if it is stored
     */
    public Optional<byte[]> bytes(String key) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(admin("/objects/" + ObjectKeys.encode(key))).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    /** @return every request received since the last {@link #reset()}, oldest first */
    public List<ReceivedRequest> requests() {
        return get("/requests").map(JsonArray::new).orElseThrow().stream().map(JsonObject.class::cast)
                .map(r -> new ReceivedRequest(r.getString("method"), r.getString("path"), r.getJsonObject("headers"),
                        r.getString("body"), r.getInteger("clientPort")))
                .toList();
    }

    /**
     * @param path a path, as {@code /uploads}
     * @return the requests received for it
     */
    public List<ReceivedRequest> requests(String path) {
        return requests().stream().filter(request -> request.path().equals(path)).toList();
    }

    /**
     * Makes the next {@code times} requests under {@code path} fail with {@code status}. A browser's CORS preflight
     * ({@code OPTIONS}) is never failed, nor counted: the failure is for the request it precedes.
     *
     * @param path a path prefix: {@code /uploads}, {@code /objects}, {@code /bucket/} (uploads of bytes) or {@code /}
     * @param status the status to respond with
     * @param times how many requests fail
     */
    public void failNext(String path, int status, int times) {
        injectFailure(path, status, Duration.ZERO, null, times);
    }

    /**
     * Makes the next {@code times} requests under {@code path} fail with {@code status} and {@code detail}: the
     * {@code detail} of the service's FastAPI error, or the {@code Message} of the storage host's S3 error, as a
     * service that refuses a content type, or a storage host that refuses a large body, would respond.
     *
     * @param path a path prefix, as for {@link #failNext(String, int, int)}
     * @param status the status to respond with
     * @param detail what the error says
     * @param times how many requests fail
     */
    public void failNext(String path, int status, String detail, int times) {
        if (detail == null) {
            throw new IllegalArgumentException("detail must not be null");
        }
        post("/failures", new JsonObject().put("path", path).put("status", status).put("detail", detail)
                .put("times", times).encode());
    }

    /**
     * Makes the next {@code times} requests under {@code path} wait {@code delay}, then fail with {@code status}
     * (with {@code Retry-After}, when given), or be served as usual when {@code status} is 0.
     *
     * @param path a path prefix, as for {@link #failNext}
     * @param status the status to respond with, or 0 to serve the requests late
     * @param delay how long each request waits first
     * @param retryAfter the {@code Retry-After} to send, in whole seconds, or {@code null} for none
     * @param times how many requests are affected
     */
    public void injectFailure(String path, int status, Duration delay, Duration retryAfter, int times) {
        JsonObject failure = new JsonObject().put("path", path).put("status", status)
                .put("delayMillis", delay.toMillis()).put("times", times);
        if (retryAfter != null) {
            failure.put("retryAfter", String.valueOf(retryAfter.toSeconds()));
        }
        post("/failures", failure.encode());
    }

    /**
     * @param lifetime how long the presigned URLs handed out from now on stay valid (zero or negative: expired at once)
     */
    public void urlLifetime(Duration lifetime) {
        send(HttpRequest.newBuilder(admin("/url-lifetime")).PUT(HttpRequest.BodyPublishers
                .ofString(new JsonObject().put("seconds", lifetime.toSeconds()).encode())),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Rotates the key the fake accepts, as an operator rotates the service's key: from now on a request with the key
     * before it gets {@code 403 Invalid API key}, and only {@code apiKey} is accepted (its requests read
     * {@code <valid>} in {@link #requests()}). Tests of an application that reads its key from a credentials provider
     * ({@code quarkus.opengater-storage.credentials-provider.name}) rotate the key here and in their provider, and see
     * the application's next call refused once and sent again with the new key. {@link #reset()} brings back the key
     * the fake started with.
     *
     * <pre>
     * String rotated = FakeStorageServer.generateApiKey();
     * storage.rotateApiKey(rotated);
     * credentials.put("api-key", rotated);     // the application's own CredentialsProvider
     * ... call the code under test ...
     * assertEquals(List.of("&lt;invalid&gt;", "&lt;valid&gt;"), storage.requests("/uploads").stream()
     *         .map(request -&gt; request.headers().getString("x-api-key")).toList());
     * </pre>
     *
     * @param apiKey the new key: not blank, visible ASCII only, since clients send it as an HTTP header
     * @throws IllegalArgumentException if the key is blank or holds another character, before anything is sent
     */
    public void rotateApiKey(String apiKey) {
        AcceptedKey.check("apiKey", apiKey);
        HttpResponse<String> response = send(HttpRequest.newBuilder(admin("/api-key")).PUT(HttpRequest.BodyPublishers
                .ofString(new JsonObject().put("apiKey", apiKey).encode())), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("the fake opengater-storage at " + baseUrl
                    + " did not rotate its key: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Forgets every object, request and injected failure, restores the URL lifetime, and accepts the key the fake
     * started with again.
     */
    public void reset() {
        post("/reset", "");
    }

    private Optional<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(admin(path)).GET(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    private void post(String path, String body) {
        send(HttpRequest.newBuilder(admin(path)).POST(HttpRequest.BodyPublishers.ofString(body)),
                HttpResponse.BodyHandlers.discarding());
    }

    private URI admin(String path) {
        return URI.create(baseUrl + FakeStorageServer.ADMIN + path);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("the fake opengater-storage at " + baseUrl + " did not respond", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
