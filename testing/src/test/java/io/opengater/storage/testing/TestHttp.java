package io.opengater.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vertx.core.json.JsonObject;

/** The JDK client, pinned to HTTP/1.1, with the few calls the fake's tests make. */
final class TestHttp {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> sendString(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST {base}/uploads} with a JSON body; {@code apiKey} null leaves the header out. */
    static HttpResponse<String> postUploads(String baseUrl, String apiKey, String body) {
        HttpRequest.Builder request = request(baseUrl + "/uploads").header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return sendString(request);
    }

    /** Creates an upload and insists that it succeeded. */
    static JsonObject createUpload(String baseUrl, String apiKey, String contentType, String prefix) {
        HttpResponse<String> response = postUploads(baseUrl, apiKey,
                new JsonObject().put("content_type", contentType).put("prefix", prefix).encode());
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /uploads responded " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    static HttpResponse<String> put(String url, String contentType, byte[] bytes) {
        return sendString(request(url).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    static HttpResponse<byte[]> get(String url) {
        return send(request(url).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> deleteObject(String baseUrl, String apiKey, JsonObject body) {
        return sendString(request(baseUrl + "/objects").header("Content-Type", "application/json")
                .header("Accept", "application/json").header("X-API-Key", apiKey)
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body.encode())));
    }
}
