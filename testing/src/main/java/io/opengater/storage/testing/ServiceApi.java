package io.opengater.storage.testing;

import static io.opengater.storage.testing.Responses.detail;
import static io.opengater.storage.testing.Responses.validationError;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * The service's own calls, {@code POST /uploads} and {@code DELETE /objects}: the {@code X-API-Key} check, a bounded
 * JSON body, and FastAPI's errors.
 */
final class ServiceApi {

    /** The largest body a service call may have. */
    static final int MAX_BODY = 64 * 1024;

    private final AcceptedKey apiKey;
    private final ObjectStore store;
    private final SecureRandom random;

    ServiceApi(AcceptedKey apiKey, ObjectStore store, SecureRandom random) {
        this.apiKey = apiKey;
        this.store = store;
        this.random = random;
    }

    /** {@code POST /uploads}: a new key under the prefix, with its presigned upload URL and its public URL. */
    void createUpload(HttpServerRequest request, JsonObject recorded) {
        withBody(request, recorded, body -> {
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
            String key = ObjectKeys.newKey(keyPrefix, type, random);
            String uploadUrl = store.issue(key, type);
            Responses.json(request, 200, new JsonObject().put("upload_url", uploadUrl).put("key", key)
                    .put("public_url", store.publicUrl(key)));
        });
    }

    /** {@code DELETE /objects}: by key or by public URL; 404 for one that was never issued. */
    void deleteObject(HttpServerRequest request, JsonObject recorded) {
        withBody(request, recorded, body -> {
            Object key = body.getValue("key");
            Object publicUrl = body.getValue("public_url");
            if (key == null && publicUrl == null) {
                detail(request, 400, "key or public_url is required");
                return;
            }
            String target = key instanceof String k ? k : publicUrl instanceof String url ? store.keyOf(url) : null;
            if (target == null || !store.delete(target)) {
                detail(request, 404, "Object not found");
                return;
            }
            Responses.noContent(request);
        });
    }

    /** Checks the key, reads the JSON body (bounded) and hands it on; responds with FastAPI's errors otherwise. */
    private void withBody(HttpServerRequest request, JsonObject recorded, Consumer<JsonObject> next) {
        String key = request.getHeader("X-API-Key");
        if (key == null) {
            detail(request, 401, "Not authenticated");
            return;
        }
        if (!apiKey.accepts(key)) {
            detail(request, 403, "Invalid API key");
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY) {
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
            next.accept(object);
        });
    }
}
