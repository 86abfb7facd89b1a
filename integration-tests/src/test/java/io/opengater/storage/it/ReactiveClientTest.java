package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The reactive facade gives the same outcomes as {@code Uni}s and never blocks the event loop; the blocking one
 * refuses to run there.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReactiveClientTest extends WireMockStorageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Inject
    Vertx vertx;

    @Test
    void createUploadGivesAnUploadResult() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));

        UploadResult result = reactiveStorage.createUpload("image/png", "news/articles").await().atMost(WAIT);

        assertEquals("news/articles/2f9c.png", result.key());
        wireMock.verify(postRequestedFor(urlPathEqualTo(UPLOADS))
                .withRequestBody(equalToJson("{\"content_type\": \"image/png\", \"prefix\": \"news/articles\"}")));
    }

    @Test
    void deleteCompletesEmpty() {
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(204)));

        assertNull(reactiveStorage.deleteByKey("a.png").await().atMost(WAIT));
        assertNull(reactiveStorage.deleteByPublicUrl("https://cdn.example/a.png").await().atMost(WAIT));

        wireMock.verify(deleteRequestedFor(urlPathEqualTo(OBJECTS))
                .withRequestBody(equalToJson("{\"key\": \"a.png\"}")));
        wireMock.verify(deleteRequestedFor(urlPathEqualTo(OBJECTS))
                .withRequestBody(equalToJson("{\"public_url\": \"https://cdn.example/a.png\"}")));
    }

    @Test
    void failuresArriveAsTypedExceptionsInTheUni() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Invalid API key\"}")));
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        StorageAuthException auth = assertThrows(StorageAuthException.class,
                () -> reactiveStorage.createUpload("image/png").await().atMost(WAIT));
        StorageUnavailableException reset = assertThrows(StorageUnavailableException.class,
                () -> reactiveStorage.deleteByKey("a.png").await().atMost(WAIT));

        assertEquals(401, auth.statusCode());
        assertEquals("Invalid API key", auth.detail());
        assertNull(reset.statusCode());
        assertEquals(3, requestsTo(OBJECTS));
    }

    @Test
    void nothingIsSentUntilSubscriptionAndEachSubscriptionSendsAgain() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));

        Uni<UploadResult> upload = reactiveStorage.createUpload("image/png");
        assertEquals(0, wireMock.getAllServeEvents().size());

        upload.await().atMost(WAIT);
        upload.await().atMost(WAIT);
        assertEquals(2, requestsTo(UPLOADS));
    }

    @Test
    void theEventLoopKeepsRunningWhileACallWaits() throws Exception {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON).withFixedDelay(500)));
        CompletableFuture<Long> timerFiredAt = new CompletableFuture<>();
        CompletableFuture<Long> uploadDoneAt = new CompletableFuture<>();

        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> {
            reactiveStorage.createUpload("image/png").subscribe().with(
                    result -> uploadDoneAt.complete(System.nanoTime()), uploadDoneAt::completeExceptionally);
            // Runs on the same event-loop thread: it can only fire if the call above did not block it.
            vertx.setTimer(50, id -> timerFiredAt.complete(System.nanoTime()));
        });

        long timer = timerFiredAt.get(10, TimeUnit.SECONDS);
        long upload = uploadDoneAt.get(10, TimeUnit.SECONDS);
        assertTrue(timer < upload, "the event loop was blocked until the response came");
    }

    @Test
    void theBlockingClientRefusesToRunOnTheEventLoop() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();

        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                storage.createUpload("image/png");
                outcome.complete(null);
            } catch (Throwable failure) {
                outcome.complete(failure);
            }
        });

        IllegalStateException refused = assertInstanceOf(IllegalStateException.class,
                outcome.get(10, TimeUnit.SECONDS));
        assertTrue(refused.getMessage().contains("inject ReactiveStorageClient"), refused.getMessage());
        assertTrue(refused.getMessage().contains("StorageClient.createUpload()"), refused.getMessage());
        assertEquals(0, wireMock.getAllServeEvents().size());
    }

    @Test
    void anApplicationEndpointUsesBothFacades() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Object not found\"}")));

        RestAssured.given().queryParam("contentType", "image/png").queryParam("prefix", "news/articles")
                .post("/files").then().statusCode(200)
                .body("key", org.hamcrest.Matchers.equalTo("news/articles/2f9c.png"))
                .body("uploadUrl", org.hamcrest.Matchers.startsWith("https://s3.example/"));
        RestAssured.given().queryParam("contentType", "image/png")
                .post("/files/reactive").then().statusCode(200)
                .body("publicUrl", org.hamcrest.Matchers.equalTo("https://cdn.example/news/articles/2f9c.png"));
        RestAssured.given().queryParam("contentType", "not-a-type")
                .post("/files/reactive").then().statusCode(400);
        RestAssured.given().queryParam("key", "gone.png")
                .delete("/files").then().statusCode(404)
                .body(org.hamcrest.Matchers.equalTo("DELETE /objects failed with HTTP 404: Object not found"));
    }
}
