package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertIterableEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The default client and the named clients {@code media} and {@code documents}, each against its own WireMock
 * server with its own key and its own retry and timeout settings (see {@code application.properties}).
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class NamedClientsTest extends WireMockStorageTest {

    @InjectWireMock("media")
    WireMockServer mediaServer;

    @InjectWireMock("documents")
    WireMockServer documentsServer;

    @Inject
    @StorageClientName("media")
    StorageClient media;

    @Inject
    @StorageClientName("documents")
    ReactiveStorageClient documents;

    @BeforeEach
    void resetNamedServers() {
        mediaServer.resetAll();
        documentsServer.resetAll();
    }

    @Test
    void eachClientSendsItsOwnKeyToItsOwnHost() {
        for (WireMockServer server : List.of(wireMock, mediaServer, documentsServer)) {
            server.stubFor(post(anyUrl()).willReturn(okJson(UPLOAD_JSON)));
        }

        storage.createUpload("image/png");
        media.createUpload("image/png");
        documents.createUpload("application/pdf").await().atMost(Duration.ofSeconds(10));

        Map<WireMockServer, String> expected = Map.of(wireMock, WireMockStorage.API_KEY + " " + UPLOADS,
                mediaServer, WireMockStorage.NAMED_API_KEYS.get("media") + " /media/uploads",
                documentsServer, WireMockStorage.NAMED_API_KEYS.get("documents") + " /documents/uploads");
        expected.forEach((server, keyAndPath) -> {
            List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
            assertEquals(1, requests.size());
            assertIterableEquals(List.of(keyAndPath.split(" ")[0]), requests.get(0).header("X-API-Key").values());
            assertEquals(keyAndPath.split(" ")[1], requests.get(0).getUrl());
        });
    }

    @Test
    void eachClientRetriesAsConfiguredForIt() {
        for (WireMockServer server : List.of(wireMock, mediaServer, documentsServer)) {
            server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));
        }

        assertThrows(StorageUnavailableException.class, () -> storage.createUpload("image/png"));
        assertThrows(StorageUnavailableException.class, () -> media.createUpload("image/png"));
        assertThrows(StorageUnavailableException.class,
                () -> documents.createUpload("image/png").await().atMost(Duration.ofSeconds(10)));

        assertEquals(3, wireMock.findAll(anyRequestedFor(anyUrl())).size(), "default: max-retries 2");
        assertEquals(1, mediaServer.findAll(anyRequestedFor(anyUrl())).size(), "media: max-retries 0");
        assertEquals(2, documentsServer.findAll(anyRequestedFor(anyUrl())).size(), "documents: max-retries 1");
    }

    @Test
    void eachClientHasItsOwnTimeout() {
        // media's 2 s timeout ends a 4 s wait; the default client's 5 s outlasts a 2.3 s one, which media's would not
        mediaServer.stubFor(post(anyUrl()).willReturn(okJson(UPLOAD_JSON).withFixedDelay(4_000)));
        wireMock.stubFor(post(anyUrl()).willReturn(okJson(UPLOAD_JSON).withFixedDelay(2_300)));

        StorageUnavailableException timedOut = assertThrows(StorageUnavailableException.class,
                () -> media.createUpload("image/png"));

        assertNull(timedOut.statusCode());
        assertEquals("timed out after 2s: POST /uploads", timedOut.detail());
        assertEquals("news/articles/2f9c.png", storage.createUpload("image/png").key(), "default: timeout 5S");
    }

    @Test
    void theApplicationsEndpointsUseTheNamedClients() {
        mediaServer.stubFor(post("/media/uploads").willReturn(okJson(UPLOAD_JSON)));
        documentsServer.stubFor(post("/documents/uploads").willReturn(okJson(UPLOAD_JSON)));

        RestAssured.given().queryParam("contentType", "image/png").post("/named/media").then().statusCode(200);
        RestAssured.given().queryParam("contentType", "application/pdf").post("/named/documents").then()
                .statusCode(200);

        assertEquals(1, mediaServer.findAll(anyRequestedFor(anyUrl())).size());
        assertEquals(1, documentsServer.findAll(anyRequestedFor(anyUrl())).size());
        assertEquals(0, wireMock.findAll(anyRequestedFor(anyUrl())).size());
    }
}
