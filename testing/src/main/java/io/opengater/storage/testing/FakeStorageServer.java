package io.opengater.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
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
 * the requests received, injected failures, the lifetime of presigned URLs, and a reset.
 */
public final class FakeStorageServer implements AutoCloseable {

    static final String ADMIN = "/_fake";
    static final String BUCKET = "/bucket/";
    static final String PUBLIC = "/public/";
    private static final int MAX_SERVICE_BODY = 64 * 1024;
    private static final Duration DEFAULT_URL_LIFETIME = Duration.ofMinutes(15);
    private static final Map<String, String> EXTENSIONS = Map.of("image/png", ".png", "image/jpeg", ".jpg",
            "image/gif", ".gif", "image/webp", ".webp", "image/svg+xml", ".svg", "application/pdf", ".pdf",
            "text/plain", ".txt", "application/json", ".json", "video/mp4", ".mp4");

    private final Vertx vertx;
    private final HttpServer server;
    private final String apiKey;
    private final Path directory;
    private final Clock clock;
    private final byte[] signingKey = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Set<String> issuedKeys = ConcurrentHashMap.newKeySet();
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private volatile Duration urlLifetime = DEFAULT_URL_LIFETIME;
    private final String baseUrl;

    private FakeStorageServer(int port, String apiKey, Clock clock) throws IOException {
        this.apiKey = apiKey;
        this.clock = clock;
        this.random.nextBytes(signingKey);
        this.directory = Files.createTempDirectory("opengater-storage-fake-");
        // One event loop and few workers: a fake for one application must not weigh on a 2-core machine.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle);
        try {
            await(server.listen().toCompletionStage().toCompletableFuture());
        } catch (RuntimeException failed) {
            vertx.close();
            deleteDirectory();
            throw failed;
        }
        this.baseUrl = "http://127.0.0.1:" + server.actualPort();
    }

    /**
     * Starts a fake on a loopback port.
     *
     * @param port the port, or {@code 0} for a free one
     * @param apiKey the key it accepts in {@code X-API-Key}
     * @return the running fake; close it to stop it and remove its files
     * @throws UncheckedIOException if it cannot listen on the port or make its directory
     */
    public static FakeStorageServer start(int port, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
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

    /** @return the key it accepts */
    public String apiKey() {
        return apiKey;
    }

    @Override
    public void close() {
        try {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        } finally {
            deleteDirectory();
        }
    }

    @Override
    public String toString() {
        return "FakeStorageServer[" + baseUrl + "]";
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith(ADMIN + "/") || path.equals(ADMIN)) {
            admin(request, path.substring(ADMIN.length()));
            return;
        }
        JsonObject recorded = record(request);
        Failure failure = takeFailure(path);
        if (failure == null) {
            route(request, path, recorded);
            return;
        }
        request.pause();
        vertx.setTimer(Math.max(1, failure.delayMillis()), id -> {
            request.resume();
            if (failure.status() <= 0) {
                route(request, path, recorded);
            } else {
                if (failure.retryAfter() != null) {
                    request.response().putHeader("Retry-After", failure.retryAfter());
                }
                if (path.startsWith(BUCKET)) {
                    s3Error(request, failure.status(), "InjectedFailure", "failure injected by the test");
                } else {
                    // the body of a failed service call is recorded too, so that tests can tell the calls apart
                    request.body().onComplete(body -> {
                        if (body.succeeded() && body.result().length() <= MAX_SERVICE_BODY) {
                            recorded.put("body", body.result().toString(StandardCharsets.UTF_8));
                        }
                        detail(request, failure.status(), "failure injected by the test");
                    });
                }
            }
        });
    }

    private void route(HttpServerRequest request, String path, JsonObject recorded) {
        HttpMethod method = request.method();
        if (path.equals("/uploads") && method == HttpMethod.POST) {
            withServiceBody(request, recorded, body -> createUpload(request, body));
        } else if (path.equals("/objects") && method == HttpMethod.DELETE) {
            withServiceBody(request, recorded, body -> deleteObject(request, body));
        } else if (path.startsWith(BUCKET) && method == HttpMethod.PUT) {
            putObject(request, decode(path.substring(BUCKET.length())), recorded);
        } else if ((path.startsWith(BUCKET) || path.startsWith(PUBLIC)) && method == HttpMethod.OPTIONS) {
            cors(request.response()).putHeader("Access-Control-Allow-Methods", "PUT, GET")
                    .putHeader("Access-Control-Allow-Headers", "Content-Type")
                    .putHeader("Access-Control-Max-Age", "600").setStatusCode(204).end();
        } else if (path.startsWith(PUBLIC) && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
            getObject(request, decode(path.substring(PUBLIC.length())));
        } else {
            detail(request, 404, "Not Found");
        }
    }

    // ---- the service: POST /uploads and DELETE /objects ----

    private interface BodyHandler {
        void handle(JsonObject body);
    }

    /** Checks the key, reads the JSON body (bounded), and hands it on; answers FastAPI's errors otherwise. */
    private void withServiceBody(HttpServerRequest request, JsonObject recorded, BodyHandler next) {
        String key = request.getHeader("X-API-Key");
        if (key == null) {
            detail(request, 401, "Not authenticated");
            return;
        }
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
            detail(request, 403, "Invalid API key");
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_SERVICE_BODY) {
                request.pause();
                detail(request, 413, "Request body too large");
                request.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(done -> {
            if (request.response().ended()) {
                return;
            }
            recorded.put("body", body.toString(StandardCharsets.UTF_8));
            Object json;
            try {
                json = body.length() == 0 ? null : Json.decodeValue(body);
            } catch (DecodeException notJson) {
                validationError(request, "body", "value is not a valid dict", "type_error.dict");
                return;
            }
            if (!(json instanceof JsonObject object)) {
                validationError(request, "body", "value is not a valid dict", "type_error.dict");
                return;
            }
            next.handle(object);
        });
    }

    private void createUpload(HttpServerRequest request, JsonObject body) {
        Object contentType = body.getValue("content_type");
        Object prefix = body.getValue("prefix", "");
        if (contentType == null) {
            validationError(request, "content_type", "field required", "value_error.missing");
            return;
        }
        if (!(contentType instanceof String type) || type.isBlank()) {
            validationError(request, "content_type", "str type expected", "type_error.str");
            return;
        }
        if (!(prefix instanceof String keyPrefix)) {
            validationError(request, "prefix", "str type expected", "type_error.str");
            return;
        }
        String trimmedPrefix = keyPrefix.replaceAll("^/+|/+$", "");
        byte[] name = new byte[8];
        random.nextBytes(name);
        String extension = EXTENSIONS.getOrDefault(type.split(";")[0].strip().toLowerCase(), "");
        String key = (trimmedPrefix.isEmpty() ? "" : trimmedPrefix + "/") + HexFormat.of().formatHex(name) + extension;
        issuedKeys.add(key);
        long expires = clock.instant().plus(urlLifetime).getEpochSecond();
        String uploadUrl = baseUrl + BUCKET + encode(key) + "?X-Expires=" + expires + "&X-Signature="
                + sign("PUT", key, type, expires);
        json(request, 200, new JsonObject().put("upload_url", uploadUrl).put("key", key)
                .put("public_url", publicUrl(key)));
    }

    private void deleteObject(HttpServerRequest request, JsonObject body) {
        Object key = body.getValue("key");
        Object publicUrl = body.getValue("public_url");
        if (key == null && publicUrl == null) {
            detail(request, 400, "key or public_url is required");
            return;
        }
        String target = key instanceof String k ? k
                : publicUrl instanceof String url && url.startsWith(baseUrl + PUBLIC)
                        ? decode(url.substring((baseUrl + PUBLIC).length()))
                        : null;
        if (target == null || !issuedKeys.remove(target)) {
            detail(request, 404, "Object not found");
            return;
        }
        StoredObject removed = objects.remove(target);
        if (removed != null) {
            vertx.fileSystem().delete(removed.file().toString());
        }
        request.response().setStatusCode(204).end();
    }

    // ---- the object store behind the URLs: presigned PUT and public GET ----

    private void putObject(HttpServerRequest request, String key, JsonObject recorded) {
        String contentType = request.getHeader("Content-Type");
        String expiresParameter = request.getParam("X-Expires");
        String signature = request.getParam("X-Signature");
        long expires;
        try {
            expires = Long.parseLong(expiresParameter);
        } catch (NumberFormatException missing) {
            s3Error(request, 403, "AccessDenied", "Query-string authentication requires X-Expires and X-Signature");
            return;
        }
        if (signature == null || contentType == null
                || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                        sign("PUT", key, contentType, expires).getBytes(StandardCharsets.US_ASCII))) {
            s3Error(request, 403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided."
                            + " Check the Content-Type you sent: it is part of the signature.");
            return;
        }
        if (clock.instant().getEpochSecond() > expires) {
            s3Error(request, 403, "AccessDenied", "Request has expired");
            return;
        }
        if (request.getHeader("Content-Length") == null) {
            s3Error(request, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
            return;
        }
        // Each upload gets its own file; the key points at the newest complete one, so a reader never sees a torn
        // file and concurrent uploads to one key end with the last one whole.
        Path file = directory.resolve(UUID.randomUUID() + ".part");
        request.pause();
        vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                .compose(asyncFile -> request.pipeTo(asyncFile))
                .onSuccess(done -> {
                    long size = file.toFile().length();
                    recorded.put("size", size);
                    StoredObject previous = objects.put(key, new StoredObject(file, contentType, size));
                    issuedKeys.add(key);
                    if (previous != null) {
                        vertx.fileSystem().delete(previous.file().toString());
                    }
                    cors(request.response()).putHeader("ETag", "\"" + UUID.randomUUID() + "\"").setStatusCode(200)
                            .end();
                })
                .onFailure(broken -> {
                    vertx.fileSystem().delete(file.toString());
                    if (!request.response().ended() && !request.response().closed()) {
                        s3Error(request, 400, "IncompleteBody", "The request body ended early: " + broken.getMessage());
                    }
                });
    }

    private void getObject(HttpServerRequest request, String key) {
        StoredObject object = objects.get(key);
        if (object == null) {
            s3Error(request, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        cors(request.response()).putHeader("Content-Type", object.contentType());
        if (request.method() == HttpMethod.HEAD) {
            // sendFile leaves Content-Length out of a HEAD answer; a HEAD tells the size like S3's does
            request.response().putHeader("Content-Length", String.valueOf(object.size())).end();
            return;
        }
        request.response().sendFile(object.file().toString());
    }

    // ---- the administration API for tests ----

    private void admin(HttpServerRequest request, String path) {
        HttpMethod method = request.method();
        if (path.equals("/objects") && method == HttpMethod.GET) {
            JsonArray list = new JsonArray();
            objects.forEach((key, object) -> list.add(new JsonObject().put("key", key)
                    .put("contentType", object.contentType()).put("size", object.size())));
            json(request, 200, list);
        } else if (path.startsWith("/objects/") && method == HttpMethod.GET) {
            StoredObject object = objects.get(decode(path.substring("/objects/".length())));
            if (object == null) {
                detail(request, 404, "Object not found");
            } else {
                request.response().putHeader("Content-Type", object.contentType()).sendFile(object.file().toString());
            }
        } else if (path.equals("/requests") && method == HttpMethod.GET) {
            json(request, 200, new JsonArray(new ArrayList<>(requests)));
        } else if (path.equals("/failures") && method == HttpMethod.POST) {
            request.body().onSuccess(body -> {
                JsonObject failure = body.toJsonObject();
                failures.add(new Failure(failure.getString("path", "/"), failure.getInteger("status", 0),
                        failure.getLong("delayMillis", 0L), failure.getString("retryAfter"),
                        failure.getInteger("times", 1)));
                request.response().setStatusCode(204).end();
            });
        } else if (path.equals("/url-lifetime") && method == HttpMethod.PUT) {
            request.body().onSuccess(body -> {
                urlLifetime = Duration.ofSeconds(body.toJsonObject().getLong("seconds"));
                request.response().setStatusCode(204).end();
            });
        } else if (path.equals("/reset") && method == HttpMethod.POST) {
            requests.clear();
            failures.clear();
            issuedKeys.clear();
            urlLifetime = DEFAULT_URL_LIFETIME;
            objects.values().forEach(object -> vertx.fileSystem().delete(object.file().toString()));
            objects.clear();
            request.response().setStatusCode(204).end();
        } else {
            detail(request, 404, "Not Found");
        }
    }

    // ---- helpers ----

    /** The request as tests see it: the API key is reported as valid, invalid or missing, never repeated. */
    private JsonObject record(HttpServerRequest request) {
        JsonObject headers = new JsonObject();
        request.headers().forEach(header -> {
            String value = header.getKey().equalsIgnoreCase("X-API-Key")
                    ? (header.getValue().equals(apiKey) ? "<valid>" : "<invalid>")
                    : header.getValue();
            headers.put(header.getKey().toLowerCase(), value);
        });
        JsonObject recorded = new JsonObject().put("method", request.method().name()).put("path", request.path())
                .put("headers", headers).put("clientPort", request.remoteAddress().port());
        requests.add(recorded);
        return recorded;
    }

    private Failure takeFailure(String path) {
        for (Iterator<Failure> it = failures.iterator(); it.hasNext();) {
            Failure failure = it.next();
            if (path.startsWith(failure.path()) && failure.take()) {
                if (failure.exhausted()) {
                    failures.remove(failure);
                }
                return failure;
            }
        }
        return null;
    }

    private String sign(String method, String key, String contentType, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            byte[] digest = mac.doFinal((method + "\n" + key + "\n" + contentType + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private String publicUrl(String key) {
        return baseUrl + PUBLIC + encode(key);
    }

    private static HttpServerResponse cors(HttpServerResponse response) {
        return response.putHeader("Access-Control-Allow-Origin", "*");
    }

    private static void json(HttpServerRequest request, int status, Object body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body instanceof JsonObject object ? object.encode() : ((JsonArray) body).encode());
    }

    private static void detail(HttpServerRequest request, int status, String detail) {
        json(request, status, new JsonObject().put("detail", detail));
    }

    private static void validationError(HttpServerRequest request, String field, String message, String type) {
        JsonArray location = field.equals("body") ? new JsonArray().add("body")
                : new JsonArray().add("body").add(field);
        json(request, 422, new JsonObject().put("detail", new JsonArray().add(new JsonObject().put("loc", location)
                .put("msg", message).put("type", type))));
    }

    private static void s3Error(HttpServerRequest request, int status, String code, String message) {
        cors(request.response()).setStatusCode(status).putHeader("Content-Type", "application/xml")
                .putHeader("Connection", "close")
                .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error>");
    }

    /** Keys keep their slashes in URLs; every other reserved character is escaped. */
    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private static String decode(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
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
            throw new IllegalStateException("the fake opengater-storage did not answer in time", e);
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: what is left, the system removes
        }
    }

    private record StoredObject(Path file, String contentType, long size) {
    }

    /** An injected failure: answers {@code status} (or only waits, when 0) to requests under {@code path}. */
    private static final class Failure {
        private final String path;
        private final int status;
        private final long delayMillis;
        private final String retryAfter;
        private int remaining;

        Failure(String path, int status, long delayMillis, String retryAfter, int times) {
            this.path = path;
            this.status = status;
            this.delayMillis = delayMillis;
            this.retryAfter = retryAfter;
            this.remaining = times;
        }

        synchronized boolean take() {
            if (remaining <= 0) {
                return false;
            }
            remaining--;
            return true;
        }

        synchronized boolean exhausted() {
            return remaining <= 0;
        }

        String path() {
            return path;
        }

        int status() {
            return status;
        }

        long delayMillis() {
            return delayMillis;
        }

        String retryAfter() {
            return retryAfter;
        }
    }
}
