package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertIterableEquals;

import java.util.List;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What goes over the wire, as WireMock recorded it: method, path under the base URL's path, headers and the exact
 * JSON bodies.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WireFormatTest extends WireMockStorageTest {

    @Test
    void createUploadPostsTheContentTypeAndPrefixWithKeyAndAccept() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));

        UploadResult result = storage.createUpload("image/png", "news/articles");

        assertEquals(new UploadResult("https://s3.example/bucket/news/articles/2f9c.png?X-Amz-Signature=abc",
                "news/articles/2f9c.png", "https://cdn.example/news/articles/2f9c.png"), result);
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlPathEqualTo(UPLOADS)));
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        assertEquals("POST", request.getMethod().getName());
        assertIterableEquals(List.of(WireMockStorage.API_KEY), request.header("X-API-Key").values(),
                "exactly one X-API-Key, the configured one, even though an application filter adds its own");
        assertEquals("application/json", request.getHeader("Accept"));
        assertEquals("application/json", request.getHeader("Content-Type").replaceAll(";.*", ""));
        assertEquals("integration-tests", request.getHeader("X-Request-Source"));
        wireMock.verify(postRequestedFor(urlPathEqualTo(UPLOADS))
                .withRequestBody(equalToJson("{\"content_type\": \"image/png\", \"prefix\": \"news/articles\"}")));
    }

    @Test
    void createUploadWithoutPrefixSendsAnEmptyPrefix() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));

        storage.createUpload("image/jpeg");
        storage.createUpload("application/pdf", null);

        wireMock.verify(postRequestedFor(urlPathEqualTo(UPLOADS))
                .withRequestBody(equalToJson("{\"content_type\": \"image/jpeg\", \"prefix\": \"\"}")));
        wireMock.verify(postRequestedFor(urlPathEqualTo(UPLOADS))
                .withRequestBody(equalToJson("{\"content_type\": \"application/pdf\", \"prefix\": \"\"}")));
    }

    @Test
    void createUploadAccepts201AndIgnoresUnknownFields() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"upload_url\": \"https://u\", \"key\": \"k.png\", \"public_url\": \"https://p/k.png\","
                        + " \"expires_in\": 3600, \"bucket\": {\"name\": \"media\"}}")));

        assertEquals(new UploadResult("https://u", "k.png", "https://p/k.png"), storage.createUpload("image/png"));
    }

    @Test
    void contentTypeParametersArePassedAsGiven() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));

        storage.createUpload("text/plain; charset=utf-8", "notes");

        wireMock.verify(postRequestedFor(urlPathEqualTo(UPLOADS)).withRequestBody(
                equalToJson("{\"content_type\": \"text/plain; charset=utf-8\", \"prefix\": \"notes\"}")));
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 202, 204 })
    void deleteByKeySendsOnlyTheKey(int status) {
        wireMock.stubFor(delete(OBJECTS).willReturn(status == 204 ? aResponse().withStatus(204)
                : aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"deleted\": true}")));

        storage.deleteByKey("news/articles/2f9c.png");

        List<LoggedRequest> requests = wireMock.findAll(deleteRequestedFor(urlPathEqualTo(OBJECTS)));
        assertEquals(1, requests.size());
        assertIterableEquals(List.of(WireMockStorage.API_KEY), requests.get(0).header("X-API-Key").values());
        assertEquals("application/json", requests.get(0).getHeader("Accept"));
        wireMock.verify(deleteRequestedFor(urlPathEqualTo(OBJECTS))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"key\": \"news/articles/2f9c.png\"}")));
    }

    @Test
    void deleteByPublicUrlSendsOnlyThePublicUrl() {
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(204)));

        storage.deleteByPublicUrl("https://cdn.example/news/articles/2f9c.png");

        wireMock.verify(deleteRequestedFor(urlPathEqualTo(OBJECTS)).withRequestBody(
                equalToJson("{\"public_url\": \"https://cdn.example/news/articles/2f9c.png\"}")));
    }

    @Test
    void deleteObjectSendsTheFieldsGivenAndLeavesOutNulls() {
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(200)));

        storage.deleteObject("https://cdn.example/a.png", "a.png");
        storage.deleteObject(null, "b.png");
        storage.deleteObject("https://cdn.example/c.png", null);

        wireMock.verify(deleteRequestedFor(urlPathEqualTo(OBJECTS)).withRequestBody(
                equalToJson("{\"key\": \"a.png\", \"public_url\": \"https://cdn.example/a.png\"}")));
        wireMock.verify(deleteRequestedFor(urlPathEqualTo(OBJECTS))
                .withRequestBody(equalToJson("{\"key\": \"b.png\"}")));
        wireMock.verify(deleteRequestedFor(urlPathEqualTo(OBJECTS))
                .withRequestBody(equalToJson("{\"public_url\": \"https://cdn.example/c.png\"}")));
    }
}
