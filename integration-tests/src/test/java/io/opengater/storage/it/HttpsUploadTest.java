package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.it.support.HttpsStorageHost;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * A presigned host on https whose certificate chain only a TLS registry configuration trusts: the default client,
 * given {@code upload.tls-configuration-name}, uploads; the {@code documents} client, without it, fails the handshake.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = HttpsStorageHost.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HttpsUploadTest extends WireMockStorageTest {

    @InjectWireMock("https")
    WireMockServer storageHost;

    @InjectWireMock("documents")
    WireMockServer documentsService;

    @Inject
    @StorageClientName("documents")
    StorageClient documents;

    private String uploadUrl;

    @BeforeEach
    void presignedHttpsUrl() {
        storageHost.resetAll();
        documentsService.resetAll();
        uploadUrl = "https://localhost:" + storageHost.httpsPort() + "/bucket/k.png?X-Signature=abc";
        String body = new JsonObject().put("upload_url", uploadUrl).put("key", "k.png")
                .put("public_url", "https://cdn.example/k.png").encode();
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(body)));
        documentsService.stubFor(post("/documents/uploads").willReturn(okJson(body)));
        storageHost.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void theTrustOfTheTlsConfigurationIsUsed() {
        byte[] bytes = { 1, 2, 3, 4, 5 };

        assertEquals("k.png", storage.upload(bytes, "image/png", "x").key());

        List<LoggedRequest> puts = storageHost.findAll(putRequestedFor(urlPathEqualTo("/bucket/k.png")));
        assertEquals(1, puts.size());
        assertArrayEquals(bytes, puts.get(0).getBody());
        assertEquals("image/png", puts.get(0).getHeader("Content-Type"));
        assertNull(puts.get(0).getHeader("X-API-Key"));
    }

    @Test
    void withoutItTheHandshakeFailsTyped() {
        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> documents.upload(new byte[] { 1 }, "image/png", "x"));

        assertNull(failure.statusCode());
        assertTrue(failure.detail().startsWith("TLS failure"), failure.detail());
        assertTrue(storageHost.findAll(putRequestedFor(anyUrl())).isEmpty());
    }
}
