package io.opengater.storage.testing;

import static io.opengater.storage.testing.ObjectStore.BUCKET;
import static io.opengater.storage.testing.ObjectStore.PUBLIC;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.HEAD;
import static io.vertx.core.http.HttpMethod.OPTIONS;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * An opengater-storage that runs in the calling process, on its own small Vert.x, for Dev Services and tests.
 * <p>
 * It speaks the service's contract: {@code POST /uploads} and {@code DELETE /objects} with the {@code X-API-Key}
 * check and FastAPI-shaped errors; and it plays the object store behind the URLs it hands out: a presigned
 * {@code PUT /bucket/<key>} (an HMAC over method, key, content type and expiry) that stores the bytes only with the
 * signed {@code Content-Type}, and {@code GET /public/<key>} that serves them back. Bytes stream to a temporary
 * directory, never whole into the heap; {@link #close()} removes it.
 * <p>
 * Under {@code /_fake/} it has an administration API for tests, which {@link FakeStorage} wraps: the stored objects,
 * the requests received, injected failures, the lifetime of presigned URLs, the accepted key, and a reset.
 */
public final class FakeStorageServer implements AutoCloseable {

    static final String ADMIN = "/_fake";

    private final AcceptedKey apiKey;
    private final Vertx vertx;
    private final HttpServer server;
    private final ObjectStore store;
    private final RequestLog requests;
    private final FailureInjection failures;
    private final Routes routes;
    private final Routes admin;
    private final String baseUrl;

    private FakeStorageServer(int port, String apiKey, Clock clock) throws IOException {
        this.apiKey = new AcceptedKey(apiKey);
        Path directory = Files.createTempDirectory("opengater-storage-fake-");
        // One event loop and few workers: a fake for one application must not weigh on a 2-core machine.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        SecureRandom random = new SecureRandom();
        this.store = new ObjectStore(vertx, directory, clock, random, this::baseUrl);
        this.requests = new RequestLog(this.apiKey);
        this.failures = new FailureInjection(vertx);
        ServiceApi service = new ServiceApi(this.apiKey, store, random);
        this.routes = new Routes()
                .route(POST, "/uploads", service::createUpload)
                .route(DELETE, "/objects", service::deleteObject)
                .route(PUT, BUCKET, store::put)
                .route(OPTIONS, BUCKET, (request, recorded) -> ObjectStore.preflight(request))
                .route(OPTIONS, PUBLIC, (request, recorded) -> ObjectStore.preflight(request))
                .route(GET, PUBLIC, (request, recorded) -> store.get(request))
                .route(HEAD, PUBLIC, (request, recorded) -> store.get(request));
        this.admin = new Routes()
                .route(GET, ADMIN + "/objects", (request, none) -> Responses.json(request, 200, store.list()))
                .route(GET, ADMIN + "/objects/", (request, none) -> store.sendStored(request,
                        ObjectKeys.fromPath(request.path(), ADMIN + "/objects/")))
                .route(GET, ADMIN + "/requests", (request, none) -> Responses.json(request, 200, requests.toJson()))
                .route(POST, ADMIN + "/failures", (request, none) -> withJson(request, failures::add))
                .route(PUT, ADMIN + "/url-lifetime", (request, none) -> withJson(request,
                        body -> store.urlLifetime(Duration.ofSeconds(body.getLong("seconds")))))
                .route(PUT, ADMIN + "/api-key", (request, none) -> withJson(request,
                        body -> this.apiKey.rotate(body.getValue("apiKey") instanceof String key ? key : null)))
                .route(POST, ADMIN + "/reset", (request, none) -> {
                    reset();
                    Responses.noContent(request);
                });
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle);
        try {
            await(server.listen().toCompletionStage().toCompletableFuture());
        } catch (RuntimeException failed) {
            vertx.close();
            store.deleteFiles();
            throw failed;
        }
        this.baseUrl = "http://127.0.0.1:" + server.actualPort();
    }

    /**
     * Starts a fake on a loopback port.
     *
     * @param port the port, or {@code 0} for a free one
     * @param apiKey the key it accepts in {@code X-API-Key}, until {@link #rotateApiKey} replaces it
     * @return the running fake; close it to stop it and remove its files
     * @throws IllegalArgumentException if the key is blank or holds anything but visible ASCII (it travels in a
     *         header)
     * @throws UncheckedIOException if it cannot listen on the port or make its directory
     */
    public static FakeStorageServer start(int port, String apiKey) {
        AcceptedKey.check("apiKey", apiKey);
        try {
            return new FakeStorageServer(port, apiKey, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("the fake opengater-storage could not start", e);
        }
    }

    /**
     * @return a key for a fake: random, URL-safe
     */
    public static String generateApiKey() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "fake-" + HexFormat.of().formatHex(bytes);
    }

    /** @return the address to configure as {@code base-url}, as {@code http://127.0.0.1:41234} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the port it listens on */
    public int port() {
        return server.actualPort();
    }

    /** @return the key it accepts now: the one it started with, or the one it was rotated to since */
    public String apiKey() {
        return apiKey.current();
    }

    /**
     * Rotates the key, as an operator rotates the service's: from now on only {@code apiKey} is accepted, and a
     * request with the key before it gets {@code 403 Invalid API key}. {@link FakeStorage#reset()} brings back the
     * key it started with. {@link FakeStorage#rotateApiKey} does the same over HTTP.
     *
     * @param apiKey the new key
     * @throws IllegalArgumentException if it is blank or holds anything but visible ASCII
     */
    public void rotateApiKey(String apiKey) {
        this.apiKey.rotate(apiKey);
    }

    /** Stops the fake and removes the files it stored. */
    @Override
    public void close() {
        try {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        } finally {
            store.deleteFiles();
        }
    }

    /** @return the fake and its address, for test reports */
    @Override
    public String toString() {
        return "FakeStorageServer[" + baseUrl + "]";
    }

    /** Administration calls are not recorded and never fail; every other request is, and may. */
    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals(ADMIN) || path.startsWith(ADMIN + "/")) {
            admin.serve(request, null);
            return;
        }
        JsonObject recorded = requests.record(request);
        failures.serve(request, recorded, () -> routes.serve(request, recorded));
    }

    private void reset() {
        requests.clear();
        failures.clear();
        store.clear();
        apiKey.restore();
    }

    /** An administration call with a JSON body: 204 when done, 400 with the reason for a body it cannot take. */
    private static void withJson(HttpServerRequest request, Consumer<JsonObject> then) {
        request.body().onSuccess(body -> {
            try {
                then.accept(body.toJsonObject());
            } catch (RuntimeException unusable) {
                Responses.detail(request, 400, String.valueOf(unusable.getMessage()));
                return;
            }
            Responses.noContent(request);
        });
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the fake opengater-storage failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the fake opengater-storage did not respond in time", e);
        }
    }
}
