package io.opengater.storage.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The requests the fake received, oldest first, as {@link FakeStorage#requests()} reads them. */
final class RequestLog {

    private final AcceptedKey apiKey;
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();

    RequestLog(AcceptedKey apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * Records a request: method, path, headers and the client's port. The API key is reported as valid or invalid
     * (the key accepted when the request came, after any rotation), never repeated.
     *
     * @return the record, which the handlers complete with the body or the size stored
     */
    JsonObject record(HttpServerRequest request) {
        JsonObject headers = new JsonObject();
        request.headers().forEach(header -> {
            String value = header.getKey().equalsIgnoreCase("X-API-Key")
                    ? (apiKey.accepts(header.getValue()) ? "<valid>" : "<invalid>")
                    : header.getValue();
            headers.put(header.getKey().toLowerCase(), value);
        });
        JsonObject recorded = new JsonObject().put("method", request.method().name()).put("path", request.path())
                .put("headers", headers).put("clientPort", request.remoteAddress().port());
        requests.add(recorded);
        return recorded;
    }

    JsonArray toJson() {
        return new JsonArray(new ArrayList<>(requests));
    }

    void clear() {
        requests.clear();
    }
}
