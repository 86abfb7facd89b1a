package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.HttpsStorageService;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The TLS registry in the packaged application (the native executable under {@code -Pnative}): the service is on
 * https with mutual TLS and a private CA ({@link HttpsStorageService}); the default client, whose
 * {@code tls-configuration-name} trusts that CA and holds the client's key, gets through; {@code documents} (trust
 * but no client certificate) and {@code media} (the default trust, which does not know the CA) fail typed, without
 * status, and reach nothing.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@WithTestResource(value = HttpsStorageService.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HttpsServiceIT {

    @InjectWireMock("https-service")
    WireMockServer service;

    @BeforeEach
    void stub() {
        service.resetAll();
        service.stubFor(post(anyUrl()).willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));
    }

    @Test
    void mutualTlsWithTheConfiguredTrustAndKeyWorks() {
        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertNull(outcome.error(), outcome.message());
        assertEquals("news/articles/2f9c.png", outcome.result().key());
        List<LoggedRequest> requests = service.findAll(postRequestedFor(urlPathEqualTo("/storage/uploads")));
        assertEquals(1, requests.size());
        assertEquals(WireMockStorage.API_KEY, requests.get(0).getHeader("X-API-Key"));
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        Outcome outcome = Calls.create("documents", "image/png");

        assertEquals("StorageUnavailableException", outcome.error());
        assertNull(outcome.status());
        // With TLS 1.3 the client learns of the refused certificate from an alert, or from the closed connection.
        assertTrue(outcome.detail().startsWith("TLS failure") || outcome.detail().startsWith("connection failed"),
                outcome.detail());
        assertEquals(0, Calls.requests(service));
    }

    @Test
    void anUnknownCaFailsTheHandshake() {
        Outcome outcome = Calls.create("media", "image/png");

        assertEquals("StorageUnavailableException", outcome.error());
        assertNull(outcome.status());
        assertTrue(outcome.detail().startsWith("TLS failure"), outcome.detail());
        assertEquals(0, Calls.requests(service));
    }
}
