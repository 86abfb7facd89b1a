package io.opengater.storage.testing;

import static io.opengater.storage.testing.Responses.cors;
import static io.opengater.storage.testing.Responses.s3Error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The object store behind the URLs the service hands out: a presigned {@code PUT /bucket/<key>}, signed with an HMAC
 * over method, key, content type and expiry, that stores the bytes only with the signed {@code Content-Type} and,
 * when the request has a {@code Content-MD5}, only if they match it, as S3 does; and {@code GET /public/<key>} that
 * serves them back. The bytes stream to files in a directory of their own.
 */
final class ObjectStore {

    static final String BUCKET = "/bucket/";
    static final String PUBLIC = "/public/";
    private static final Duration DEFAULT_URL_LIFETIME = Duration.ofMinutes(15);

    private record StoredObject(Path file, String contentType, long size) {
    }

    private final Vertx vertx;
    private final Path directory;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final byte[] signingKey = new byte[32];
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Set<String> issuedKeys = ConcurrentHashMap.newKeySet();
    private volatile Duration urlLifetime = DEFAULT_URL_LIFETIME;

    /**
     * @param baseUrl the fake's address, which is known only once it listens
     */
    ObjectStore(Vertx vertx, Path directory, Clock clock, SecureRandom random, Supplier<String> baseUrl) {
        this.vertx = vertx;
        this.directory = directory;
        this.clock = clock;
        this.baseUrl = baseUrl;
        random.nextBytes(signingKey);
    }

    /** Issues {@code key} for an upload of {@code contentType}: the presigned URL of its PUT. */
    String issue(String key, String contentType) {
        issuedKeys.add(key);
        Duration lifetime = urlLifetime;
        // whole seconds, as S3's: a URL that expires "now" would still pass within the same second
        long expires = lifetime.isZero() || lifetime.isNegative() ? clock.instant().getEpochSecond() - 1
                : clock.instant().plus(lifetime).getEpochSecond();
        return baseUrl.get() + BUCKET + ObjectKeys.encode(key) + "?X-Expires=" + expires + "&X-Signature="
                + sign("PUT", key, contentType, expires);
    }

    String publicUrl(String key) {
        return baseUrl.get() + PUBLIC + ObjectKeys.encode(key);
    }

    /** @return the key of one of this store's public URLs, or {@code null} for any other URL */
    String keyOf(String publicUrl) {
        String prefix = baseUrl.get() + PUBLIC;
        return publicUrl.startsWith(prefix) ? ObjectKeys.fromPath(publicUrl, prefix) : null;
    }

    /**
     * Forgets an issued key and removes its bytes, if any were stored.
     *
     * @return false if the key was never issued
     */
    boolean delete(String key) {
        if (!issuedKeys.remove(key)) {
            return false;
        }
        StoredObject removed = objects.remove(key);
        if (removed != null) {
            vertx.fileSystem().delete(removed.file().toString());
        }
        return true;
    }

    /** The presigned PUT: the signature, the expiry and a {@code Content-Length} are checked, then the bytes stored. */
    void put(HttpServerRequest request, JsonObject recorded) {
        String key = ObjectKeys.fromPath(request.path(), BUCKET);
        String contentType = request.getHeader("Content-Type");
        String signature = request.getParam("X-Signature");
        long expires;
        try {
            expires = Long.parseLong(request.getParam("X-Expires"));
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
        String contentMd5 = request.getHeader("Content-MD5");
        if (contentMd5 != null && !ContentDigest.wellFormed(contentMd5)) {
            s3Error(request, 400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
            return;
        }
        ContentDigest digest = new ContentDigest(request);
        // Each upload gets its own file; the key points at the newest complete one, so a reader never sees a torn
        // file and concurrent uploads to one key end with the last one whole.
        Path file = directory.resolve(UUID.randomUUID() + ".part");
        request.pause();
        vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                .compose(asyncFile -> digest.pipeTo(asyncFile))
                .onSuccess(done -> {
                    if (contentMd5 != null && !digest.matches(contentMd5)) {
                        // as S3: nothing is stored, not even the bytes that arrived
                        vertx.fileSystem().delete(file.toString());
                        s3Error(request, 400, "BadDigest", "The Content-MD5 you specified did not match what we"
                                + " received.");
                        return;
                    }
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

    /** The public {@code GET} (or {@code HEAD}) of a stored object, with its {@code Content-Type}. */
    void get(HttpServerRequest request) {
        StoredObject object = objects.get(ObjectKeys.fromPath(request.path(), PUBLIC));
        if (object == null) {
            s3Error(request, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        cors(request.response()).putHeader("Content-Type", object.contentType());
        if (request.method() == HttpMethod.HEAD) {
            // sendFile leaves Content-Length out of a HEAD response; a HEAD tells the size like S3's does
            request.response().putHeader("Content-Length", String.valueOf(object.size())).end();
            return;
        }
        request.response().sendFile(object.file().toString());
    }

    /** The CORS preflight of a browser's {@code PUT} or {@code GET}. */
    static void preflight(HttpServerRequest request) {
        cors(request.response()).putHeader("Access-Control-Allow-Methods", "PUT, GET")
                .putHeader("Access-Control-Allow-Headers", "Content-Type")
                .putHeader("Access-Control-Max-Age", "600").setStatusCode(204).end();
    }

    /** @return the stored objects as tests read them: key, content type and size */
    JsonArray list() {
        JsonArray list = new JsonArray();
        objects.forEach((key, object) -> list.add(new JsonObject().put("key", key)
                .put("contentType", object.contentType()).put("size", object.size())));
        return list;
    }

    /** Sends the bytes stored under {@code key} to a test, or a 404. */
    void sendStored(HttpServerRequest request, String key) {
        StoredObject object = objects.get(key);
        if (object == null) {
            Responses.detail(request, 404, "Object not found");
        } else {
            request.response().putHeader("Content-Type", object.contentType()).sendFile(object.file().toString());
        }
    }

    /** @param lifetime how long the URLs issued from now on stay valid */
    void urlLifetime(Duration lifetime) {
        urlLifetime = lifetime;
    }

    /** Forgets every object and issued key, and restores the URL lifetime. */
    void clear() {
        issuedKeys.clear();
        urlLifetime = DEFAULT_URL_LIFETIME;
        objects.values().forEach(object -> vertx.fileSystem().delete(object.file().toString()));
        objects.clear();
    }

    /** Removes the directory and what is in it. */
    void deleteFiles() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: what is left, the system removes
        }
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
}
