package io.opengater.storage.testing;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The shapes of the fake's responses: JSON and FastAPI's errors for the service, S3's XML errors for the bucket. */
final class Responses {

    private Responses() {
    }

    static void json(HttpServerRequest request, int status, JsonObject body) {
        send(request, status, body.encode());
    }

    static void json(HttpServerRequest request, int status, JsonArray body) {
        send(request, status, body.encode());
    }

    static void noContent(HttpServerRequest request) {
        request.response().setStatusCode(204).end();
    }

    /** FastAPI's error for an {@code HTTPException}: {@code {"detail": "..."}}. */
    static void detail(HttpServerRequest request, int status, String detail) {
        json(request, status, new JsonObject().put("detail", detail));
    }

    /** FastAPI's 422 for a body that fails validation, located at the body or one of its fields. */
    static void validationError(HttpServerRequest request, String field, String message, String type) {
        JsonArray location = field.equals("body") ? new JsonArray().add("body")
                : new JsonArray().add("body").add(field);
        json(request, 422, new JsonObject().put("detail", new JsonArray().add(new JsonObject().put("loc", location)
                .put("msg", message).put("type", type))));
    }

    static void s3Error(HttpServerRequest request, int status, String code, String message) {
        cors(request.response()).setStatusCode(status).putHeader("Content-Type", "application/xml")
                .putHeader("Connection", "close")
                .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + xmlText(message) + "</Message></Error>");
    }

    /** A message a test gave, or an exception's, may hold markup characters; S3 escapes them too. */
    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static HttpServerResponse cors(HttpServerResponse response) {
        return response.putHeader("Access-Control-Allow-Origin", "*");
    }

    private static void send(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
