package io.opengater.storage.it.support;

import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.opengater.storage.it.CallsResource;
import io.opengater.storage.it.CallsResource.Outcome;

/**
 * The calls of {@link CallsResource}, made over HTTP so that they work against the packaged application (a jar or a
 * native executable) as well as in {@code @QuarkusTest}; each responds with what the client returned or threw.
 */
public final class Calls {

    /** The default client, in the {@code client} parameter. */
    public static final String DEFAULT = "";

    private Calls() {
    }

    public static Outcome create(String client, String contentType) {
        return given().queryParam("client", client).queryParam("contentType", contentType).queryParam("prefix", "it")
                .post("/calls/create").then().statusCode(200).extract().as(Outcome.class);
    }

    public static Outcome delete(String client, String key) {
        return given().queryParam("client", client).queryParam("key", key)
                .post("/calls/delete").then().statusCode(200).extract().as(Outcome.class);
    }

    public static Outcome uploadFile(String client, java.nio.file.Path file, String contentType, String prefix) {
        return given().queryParam("client", client).queryParam("path", file.toAbsolutePath().toString())
                .queryParam("contentType", contentType).queryParam("prefix", prefix)
                .post("/calls/upload-file").then().statusCode(200).extract().as(Outcome.class);
    }

    public static Outcome uploadBytes(String client, byte[] bytes, String contentType, String prefix) {
        return given().queryParam("client", client).queryParam("contentType", contentType).queryParam("prefix", prefix)
                .contentType("application/octet-stream").body(bytes)
                .post("/calls/upload-bytes").then().statusCode(200).extract().as(Outcome.class);
    }

    /** How many requests, of any method and path, {@code server} received. */
    public static int requests(WireMockServer server) {
        return server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl())).size();
    }
}
