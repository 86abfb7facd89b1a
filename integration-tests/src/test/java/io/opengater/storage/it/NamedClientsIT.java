package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.NoBreakerProfile;
import io.opengater.storage.it.support.WireMockServices;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The default client and the named clients {@code media} and {@code documents} in the packaged application (the
 * native executable under {@code -Pnative}): each sends its own key to its own host, and retries and times out as
 * configured for it ({@code application.properties}: media 2 s and no retries, documents one retry, the default
 * client the defaults). {@link NamedClientsTest} also covers the injected beans, which a separate process hides.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(NoBreakerProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class NamedClientsIT extends WireMockServices {

    @Test
    void eachClientSendsItsOwnKeyToItsOwnHost() {
        for (WireMockServer server : List.of(service, media, documents)) {
            server.stubFor(post(anyUrl()).willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));
        }

        for (String client : List.of(Calls.DEFAULT, "media", "documents")) {
            assertNull(Calls.create(client, "image/png").error(), client);
        }

        Map<WireMockServer, List<String>> expected = Map.of(
                service, List.of(WireMockStorage.API_KEY, "/storage/uploads"),
                media, List.of(WireMockStorage.NAMED_API_KEYS.get("media"), "/media/uploads"),
                documents, List.of(WireMockStorage.NAMED_API_KEYS.get("documents"), "/documents/uploads"));
        expected.forEach((server, keyAndPath) -> {
            List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
            assertEquals(1, requests.size());
            assertEquals(List.of(keyAndPath.get(0)), requests.get(0).header("X-API-Key").values());
            assertEquals(keyAndPath.get(1), requests.get(0).getUrl());
        });
    }

    @Test
    void eachClientRetriesAsConfiguredForIt() {
        for (WireMockServer server : List.of(service, media, documents)) {
            server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));
        }

        for (String client : List.of(Calls.DEFAULT, "media", "documents")) {
            assertEquals(503, Calls.create(client, "image/png").status(), client);
        }

        assertEquals(3, Calls.requests(service), "default: max-retries 2");
        assertEquals(1, Calls.requests(media), "media: max-retries 0");
        assertEquals(2, Calls.requests(documents), "documents: max-retries 1");
    }

    @Test
    void eachClientHasItsOwnTimeout() {
        for (WireMockServer server : List.of(service, media)) {
            server.stubFor(post(anyUrl()).willReturn(okJson(WireMockStorageTest.UPLOAD_JSON).withFixedDelay(3_000)));
        }

        assertEquals("timed out after 2s: POST /uploads", Calls.create("media", "image/png").detail());
        assertEquals("news/articles/2f9c.png", Calls.create(Calls.DEFAULT, "image/png").result().key(),
                "default: timeout 30S");
    }
}
