package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import io.opengater.storage.it.support.HttpsStorageService;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.WireMockStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service on https with mutual TLS, each client with its own {@code tls-configuration-name}: the one that trusts
 * the server and holds the client's key gets through; one without a client certificate, and one that does not know
 * the server's CA, fail the handshake with a typed, status-less error that says so.
 */
@QuarkusTest
@WithTestResource(value = HttpsStorageService.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HttpsServiceTest {

    @InjectWireMock("https-service")
    WireMockServer service;

    @Inject
    StorageClient storage;

    @Inject
    @StorageClientName("documents")
    StorageClient documents;

    @Inject
    @StorageClientName("media")
    StorageClient media;

    @BeforeEach
    void stub() {
        service.resetAll();
        service.stubFor(post(anyUrl()).willReturn(okJson("""
                {"upload_url": "https://s3.example/bucket/k.png?X-Amz-Signature=abc", "key": "k.png",
                 "public_url": "https://cdn.example/k.png"}""")));
    }

    @Test
    void mutualTlsWithTheConfiguredTrustAndKeyWorks() {
        assertEquals("k.png", storage.createUpload("image/png", "secure").key());

        List<LoggedRequest> requests = service.findAll(postRequestedFor(urlPathEqualTo("/storage/uploads")));
        assertEquals(1, requests.size());
        assertEquals(WireMockStorage.API_KEY, requests.get(0).getHeader("X-API-Key"));
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> documents.createUpload("image/png"));

        assertNull(failure.statusCode());
        // With TLS 1.3 the server refuses the missing certificate after the client's side of the handshake, while the
        // request is sent, and the REST client reports that as an IOException that keeps only the SSL exception's
        // text: the refusal must show in the detail, which an unreachable port ("Connection refused") would not pass.
        // (JDK 17: "SSLHandshakeException: Received fatal alert: bad_certificate"; JDK 25 names the alert first)
        assertTrue(failure.detail().contains("SSLHandshakeException: ")
                && failure.detail().contains("Received fatal alert"), failure.detail());
        assertTrue(service.findAll(anyRequestedFor(anyUrl())).isEmpty());
    }

    @Test
    void anUnknownCaFailsTheHandshake() {
        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> media.createUpload("image/png"));

        assertNull(failure.statusCode());
        assertTrue(failure.detail().startsWith("TLS failure"), failure.detail());
        assertTrue(service.findAll(anyRequestedFor(anyUrl())).isEmpty());
    }
}
