package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application's endpoints, which use the extension as a user would, seen only over HTTP: so the same tests run
 * against the packaged application ({@link StorageEndpointsIT}), in JVM mode and as a native executable.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StorageEndpointsTest {

    private static final String UPLOAD_JSON = WireMockStorageTest.UPLOAD_JSON;

    @InjectWireMock
    WireMockServer service;

    @InjectWireMock("media")
    WireMockServer mediaService;

    @BeforeEach
    void reset() {
        service.resetAll();
        mediaService.resetAll();
    }

    @Test
    void createRespondsWithTheUploadAndSendsTheContractsRequest() {
        service.stubFor(post("/storage/uploads").willReturn(okJson(UPLOAD_JSON)));

        given().queryParam("contentType", "image/png").queryParam("prefix", "news/articles").post("/files").then()
                .statusCode(200).body("key", equalTo("news/articles/2f9c.png"))
                .body("publicUrl", equalTo("https://cdn.example/news/articles/2f9c.png"));
        given().queryParam("contentType", "image/png").post("/files/reactive").then().statusCode(200)
                .body("key", equalTo("news/articles/2f9c.png"));

        service.verify(postRequestedFor(urlPathEqualTo("/storage/uploads"))
                .withHeader("X-API-Key", WireMock.equalTo(WireMockStorage.API_KEY))
                .withRequestBody(equalToJson("{\"content_type\": \"image/png\", \"prefix\": \"news/articles\"}")));
        service.verify(postRequestedFor(urlPathEqualTo("/storage/uploads"))
                .withRequestBody(equalToJson("{\"content_type\": \"image/png\", \"prefix\": \"\"}")));
    }

    @Test
    void deleteSendsOnlyTheKeyAndATypedNotFoundComesBack() {
        service.stubFor(delete("/storage/objects").inScenario("delete").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(204)).willSetStateTo("gone"));
        service.stubFor(delete("/storage/objects").inScenario("delete").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"Object not found\"}")));

        given().queryParam("key", "a.png").delete("/files").then().statusCode(204);
        given().queryParam("key", "a.png").delete("/files").then().statusCode(404)
                .body(equalTo("DELETE /objects failed with HTTP 404: Object not found"));

        service.verify(2, deleteRequestedFor(urlPathEqualTo("/storage/objects"))
                .withRequestBody(equalToJson("{\"key\": \"a.png\"}")));
    }

    @Test
    void aRefusedKeyIsTyped() {
        service.stubFor(post("/storage/uploads").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Invalid API key\"}")));

        given().queryParam("contentType", "image/png").post("/files").then().statusCode(502)
                .body(equalTo("POST /uploads failed with HTTP 401: Invalid API key"));
        assertEquals(1, service.findAll(anyRequestedFor(anyUrl())).size(), "a 401 was retried");
    }

    @Test
    void unavailabilityIsRetried() {
        service.stubFor(post("/storage/uploads").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
        service.stubFor(post("/storage/uploads").inScenario("flaky").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        service.stubFor(post("/storage/uploads").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(UPLOAD_JSON)));

        given().queryParam("contentType", "image/png").post("/files").then().statusCode(200);

        assertEquals(3, service.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void anInvalidArgumentNeverReachesTheService() {
        given().queryParam("contentType", "png").post("/files").then().statusCode(400)
                .body(equalTo("contentType must be a media type of the form type/subtype, such as image/png,"
                        + " was 'png'"));
        assertEquals(0, service.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aNamedClientUsesItsOwnServiceAndKey() {
        mediaService.stubFor(post("/media/uploads").willReturn(okJson(UPLOAD_JSON)));

        given().queryParam("contentType", "image/png").post("/named/media").then().statusCode(200);

        mediaService.verify(postRequestedFor(urlPathEqualTo("/media/uploads"))
                .withHeader("X-API-Key", WireMock.equalTo(WireMockStorage.NAMED_API_KEYS.get("media"))));
        assertEquals(0, service.findAll(anyRequestedFor(anyUrl())).size());
    }
}
