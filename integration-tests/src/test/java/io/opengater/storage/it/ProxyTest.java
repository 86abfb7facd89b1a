package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientBuilder;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.CapturedLogs;
import io.opengater.storage.it.support.HttpsStorageHost;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.RecordingRelay;
import io.opengater.storage.it.support.TinyproxyProcess;
import io.opengater.storage.it.support.TinyproxyResource;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The service calls and the {@code PUT}s through a real proxy, tinyproxy with Basic authentication
 * ({@link TinyproxyResource}), configured in Quarkus's proxy registry: plain {@code http} requests and
 * {@code CONNECT} tunnels to {@code https} hosts, each seen in the proxy's log; {@code none} and non-proxy hosts that
 * bypass it; a wrong or missing proxy password that is the proxy's refusal, never the service refusing the key; the
 * proxy's credentials from a credentials provider; and no password in any message, log record or {@code toString()}.
 */
@QuarkusTest
@DisabledIf(value = "io.opengater.storage.it.support.TinyproxyProcess#unavailable",
        disabledReason = "tinyproxy is not installed (Debian's tinyproxy; CI installs it)")
@WithTestResource(value = TinyproxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = HttpsStorageHost.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProxyTest extends WireMockStorageTest {

    private static final String OBJECT = "/bucket/k.png";
    private static final String BASIC_CREDENTIALS = base64(TinyproxyResource.USER + ":" + TinyproxyResource.PASSWORD);
    private static final String WRONG_BASIC_CREDENTIALS = base64(
            TinyproxyResource.USER + ":" + TinyproxyResource.WRONG_PASSWORD);

    TinyproxyProcess tinyproxy;

    RecordingRelay relay;

    @InjectWireMock("https")
    WireMockServer httpsHost;

    @InjectWireMock("media")
    WireMockServer mediaService;

    @InjectWireMock("documents")
    WireMockServer documentsService;

    @Inject
    @StorageClientName("media")
    StorageClient media;

    @Inject
    @StorageClientName("documents")
    StorageClient documents;

    private CapturedLogs logs;
    private final List<Object> shown = new ArrayList<>();

    @BeforeEach
    void reset() {
        List.of(httpsHost, mediaService, documentsService).forEach(WireMockServer::resetAll);
        relay.reset();
        tinyproxy.forgetRequests();
        logs = CapturedLogs.start();
    }


    /** Whatever a test failed with, built or logged: none of it holds a proxy's password, plain or in Base64. */
    @AfterEach
    void noPasswordAnywhere() {
        logs.close();
        List<String> texts = new ArrayList<>(logs.lines());
        for (Object thing : shown) {
            texts.add(thing instanceof Throwable failure ? CapturedLogs.stackTrace(failure) : thing.toString());
        }
        for (String text : texts) {
            for (String secret : List.of(TinyproxyResource.PASSWORD, TinyproxyResource.WRONG_PASSWORD,
                    BASIC_CREDENTIALS, WRONG_BASIC_CREDENTIALS)) {
                assertFalse(text.contains(secret), "a proxy password in: " + text);
            }
        }
    }

    private <T> T shown(T thing) {
        shown.add(thing);
        return thing;
    }

    /** {@code POST /uploads} of {@code service} hands out a presigned URL on {@code host}, which takes the PUT. */
    private static String presigned(WireMockServer service, String path, String hostBase, WireMockServer host) {
        String uploadUrl = hostBase + OBJECT + "?X-Amz-Signature=0ddba11";
        service.stubFor(post(path).willReturn(okJson(new JsonObject().put("upload_url", uploadUrl)
                .put("key", "k.png").put("public_url", "https://cdn.example/k.png").encode())));
        host.stubFor(put(urlPathEqualTo(OBJECT)).willReturn(aResponse().withStatus(200)));
        return uploadUrl;
    }

    private StorageClientBuilder built() {
        return shown(StorageClient.builder().baseUrl(wireMock.baseUrl() + "/storage").apiKey(WireMockStorage.API_KEY)
                .retryDelay(Duration.ofMillis(10)));
    }

    private static String port(WireMockServer server) {
        return ":" + (server.getOptions().httpsSettings().enabled() ? server.httpsPort() : server.port()) + "/";
    }

    @Test
    void withoutNamesTheCallsAndThePutsTakeTheRegistrysDefaultProxy() throws Exception {
        presigned(wireMock, UPLOADS, wireMock.baseUrl(), wireMock);
        byte[] bytes = new byte[64 * 1024];
        ThreadLocalRandom.current().nextBytes(bytes);
        Path file = Files.createTempFile("proxied-", ".bin");
        Files.write(file, bytes);

        storage.upload(bytes, "image/png", "p");
        storage.upload(file, "image/png", "p"); // sendfile(2) to the proxy's connection

        List<String> proxied = tinyproxy.requestsMentioning(port(wireMock));
        assertEquals(List.of("POST " + wireMock.baseUrl() + UPLOADS + " HTTP/1.1",
                "PUT " + wireMock.baseUrl() + OBJECT + "?X-Amz-Signature=0ddba11 HTTP/1.1",
                "POST " + wireMock.baseUrl() + UPLOADS + " HTTP/1.1",
                "PUT " + wireMock.baseUrl() + OBJECT + "?X-Amz-Signature=0ddba11 HTTP/1.1"), proxied);
        LoggedRequest create = wireMock.findAll(postRequestedFor(urlPathEqualTo(UPLOADS))).get(0);
        assertTrue(create.getHeader("Via").contains("tinyproxy"), "the proxy forwarded it");
        assertEquals(WireMockStorage.API_KEY, create.getHeader("X-API-Key"));
        for (LoggedRequest putRequest : wireMock.findAll(putRequestedFor(urlPathEqualTo(OBJECT)))) {
            assertArrayEquals(bytes, putRequest.getBody());
            assertTrue(putRequest.getHeader("Via").contains("tinyproxy"), "the proxy forwarded it");
            assertFalse(putRequest.containsHeader("X-API-Key"), "the storage host never gets the key");
        }
        for (LoggedRequest request : wireMock.findAll(anyRequestedFor(anyUrl()))) {
            assertFalse(request.containsHeader("Proxy-Authorization"), "the proxy's credentials went on");
        }
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("X-API-Key")),
                "the REST client's request log, which the secrecy check reads, was not captured: " + logs.lines());
    }

    @Test
    void anHttpsStorageHostIsReachedThroughATunnel() {
        String https = "https://localhost:" + httpsHost.httpsPort();
        presigned(wireMock, UPLOADS, https, httpsHost);
        byte[] bytes = { 7, 6, 5, 4, 3 };

        storage.upload(bytes, "image/png", "p");

        assertEquals(List.of("CONNECT localhost:" + httpsHost.httpsPort() + " HTTP/1.1"),
                tinyproxy.requestsMentioning(":" + httpsHost.httpsPort()));
        List<LoggedRequest> puts = httpsHost.findAll(putRequestedFor(urlPathEqualTo(OBJECT)));
        assertEquals(1, puts.size());
        assertArrayEquals(bytes, puts.get(0).getBody());
        assertNull(puts.get(0).getHeader("X-API-Key"));
        assertNull(puts.get(0).getHeader("Via"), "a tunnel carries the bytes as they are");
    }

    @Test
    void anHttpsServiceIsCalledThroughATunnelAndTheProxyNeverSeesTheKey() {
        String service = "https://localhost:" + httpsHost.httpsPort();
        presigned(httpsHost, "/tls/uploads", service, httpsHost);

        try (StorageClient client = built().baseUrl(service + "/tls").tlsConfigurationName("storage-host")
                .uploadTlsConfigurationName("storage-host").proxyConfigurationName("recorded")
                .uploadProxyConfigurationName("recorded").build()) {
            client.upload(new byte[] { 1, 2, 3 }, "image/png", "p");
        }

        String wire = relay.sent();
        assertTrue(wire.startsWith("CONNECT localhost:" + httpsHost.httpsPort() + " HTTP/1.1\r\n"), wire);
        // Netty writes the header's name in lower case
        assertTrue(wire.toLowerCase(Locale.ROOT).contains("proxy-authorization: basic "
                + BASIC_CREDENTIALS.toLowerCase(Locale.ROOT)), "the proxy's own credentials: " + wire);
        assertFalse(wire.contains(WireMockStorage.API_KEY), "the key went to the proxy in clear");
        assertFalse(wire.toLowerCase(Locale.ROOT).contains("x-api-key"), "a header went to the proxy in clear");
        assertFalse(wire.contains("/tls/uploads"), "a request line went to the proxy in clear");
        assertEquals(WireMockStorage.API_KEY,
                httpsHost.findAll(postRequestedFor(urlPathEqualTo("/tls/uploads"))).get(0).getHeader("X-API-Key"));
        assertEquals(1, httpsHost.findAll(putRequestedFor(urlPathEqualTo(OBJECT))).size());
    }

    @Test
    void noneCallsAndUploadsDirectly() {
        presigned(wireMock, UPLOADS, wireMock.baseUrl(), wireMock);
        documentsService.stubFor(post(anyUrl()).willReturn(okJson(UPLOAD_JSON)));

        documents.createUpload("application/pdf"); // documents: proxy-configuration-name=none
        try (StorageClient direct = built().proxyConfigurationName("none").uploadProxyConfigurationName("none")
                .build()) {
            direct.upload(new byte[] { 1 }, "image/png", "p");
        }

        assertEquals(List.of(), tinyproxy.requestsMentioning(port(documentsService)));
        assertEquals(List.of(), tinyproxy.requestsMentioning(port(wireMock)));
        assertFalse(documentsService.findAll(anyRequestedFor(anyUrl())).get(0).containsHeader("Via"));
        for (LoggedRequest request : wireMock.findAll(anyRequestedFor(anyUrl()))) {
            assertFalse(request.containsHeader("Via"), request.getMethod() + " went through the proxy");
        }
        assertEquals(1, wireMock.findAll(putRequestedFor(urlPathEqualTo(OBJECT))).size());
    }

    @Test
    void nonProxyHostsBypassTheProxy() {
        presigned(wireMock, UPLOADS, wireMock.baseUrl(), wireMock);

        // "bypass": non-proxy-hosts=storage.invalid,localhost
        try (StorageClient bypassing = built().proxyConfigurationName("bypass").uploadProxyConfigurationName("bypass")
                .build()) {
            bypassing.upload(new byte[] { 1 }, "image/png", "p");
        }

        assertEquals(List.of(), tinyproxy.requestsMentioning(port(wireMock)));
        assertEquals(2, wireMock.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void theProxysCredentialsMayComeFromACredentialsProvider() {
        presigned(wireMock, UPLOADS, wireMock.baseUrl(), wireMock);

        try (StorageClient client = built().proxyConfigurationName("from-provider")
                .uploadProxyConfigurationName("from-provider").build()) {
            client.upload(new byte[] { 1 }, "image/png", "p");
        }

        assertEquals(2, tinyproxy.requestsMentioning(port(wireMock)).size());
        assertEquals(2, wireMock.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aWrongProxyPasswordIsTheProxysRefusalNotTheServices() {
        StorageException refused = shown(assertThrows(StorageException.class, () -> media.createUpload("image/png")));

        assertEquals(StorageException.class, refused.getClass(), "not StorageAuthException: the key was not refused");
        assertEquals(401, refused.statusCode(), "tinyproxy's status for a wrong password");
        assertEquals("the proxy refused the request (401 Unauthorized); check the proxy's username and password",
                refused.detail());
        assertEquals("POST /uploads", refused.operation());
        assertTrue(mediaService.findAll(anyRequestedFor(anyUrl())).isEmpty(), "the service got nothing");
        assertEquals(1, tinyproxy.requestsMentioning(port(mediaService)).size());
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        try (StorageClient client = built().proxyConfigurationName("wrong-password").maxRetries(2).build()) {
            StorageException refused = shown(assertThrows(StorageException.class,
                    () -> client.createUpload("image/png")));
            assertEquals(401, refused.statusCode());
        }

        assertEquals(1, tinyproxy.requestsMentioning(port(wireMock)).size(), "asked once");
        assertEquals(0, requestsTo(UPLOADS));
    }

    @Test
    void aPutRefusedByTheProxyIsItsRefusalOverHttpAndOverATunnel() {
        documentsService.stubFor(post(anyUrl()).willReturn(okJson(new JsonObject()
                .put("upload_url", wireMock.baseUrl() + OBJECT + "?X-Amz-Signature=0ddba11").put("key", "k.png")
                .put("public_url", "https://cdn.example/k.png").encode())));

        StorageException plain = shown(assertThrows(StorageException.class,
                () -> documents.upload(new byte[] { 1 }, "image/png", "p")));
        documentsService.stubFor(post(anyUrl()).willReturn(okJson(new JsonObject()
                .put("upload_url", "https://localhost:" + httpsHost.httpsPort() + OBJECT + "?X-Amz-Signature=0ddba11")
                .put("key", "k.png").put("public_url", "https://cdn.example/k.png").encode())));
        StorageException tunnel = shown(assertThrows(StorageException.class,
                () -> documents.upload(new byte[] { 1 }, "image/png", "p")));

        for (StorageException refused : List.of(plain, tunnel)) {
            assertEquals(StorageException.class, refused.getClass());
            assertEquals(401, refused.statusCode());
            assertTrue(refused.detail().startsWith("the proxy refused the request (401 Unauthorized)"),
                    refused.detail());
            assertFalse(refused.getMessage().contains("0ddba11"), "the presigned query in " + refused.getMessage());
        }
        assertEquals(0, wireMock.findAll(putRequestedFor(anyUrl())).size());
        assertEquals(0, httpsHost.findAll(anyRequestedFor(anyUrl())).size());
        // documents retries once: a refusal is not retried
        assertEquals(1, tinyproxy.requestsMentioning("PUT " + wireMock.baseUrl() + OBJECT).size());
        assertEquals(1, tinyproxy.requestsMentioning("CONNECT localhost:" + httpsHost.httpsPort()).size());
    }

    @Test
    void withoutCredentialsTheProxyAsksForThemWith407() {
        String https = "https://localhost:" + httpsHost.httpsPort();
        presigned(wireMock, UPLOADS, https, httpsHost);

        try (StorageClient anonymous = built().proxyConfigurationName("anonymous").build();
                StorageClient anonymousHttps = built().baseUrl(https + "/tls").tlsConfigurationName("storage-host")
                        .proxyConfigurationName("anonymous").build();
                StorageClient anonymousUploads = built().uploadProxyConfigurationName("anonymous").build()) {
            StorageException call = shown(assertThrows(StorageException.class,
                    () -> anonymous.createUpload("image/png")));
            StorageException callTunnel = shown(assertThrows(StorageException.class,
                    () -> anonymousHttps.createUpload("image/png")));
            StorageException putTunnel = shown(assertThrows(StorageException.class,
                    () -> anonymousUploads.upload(new byte[] { 1 }, "image/png", "p")));

            for (StorageException refused : List.of(call, callTunnel, putTunnel)) {
                assertEquals(StorageException.class, refused.getClass());
                assertEquals(407, refused.statusCode());
                assertEquals("the proxy refused the request (407 Proxy Authentication Required); check the proxy's"
                        + " username and password", refused.detail());
            }
        }
        assertEquals(0, httpsHost.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void theNamesAreCheckedByBuild() {
        List<String[]> cases = List.of(
                new String[] { "no-such-proxy", null, "proxyConfigurationName \"no-such-proxy\" is not a configuration"
                        + " of the Quarkus proxy registry: configure quarkus.proxy.\"no-such-proxy\".host and .port" },
                new String[] { null, "no-such-proxy", "uploadProxyConfigurationName \"no-such-proxy\" is not a"
                        + " configuration of the Quarkus proxy registry" },
                new String[] { "socks", null, "proxyConfigurationName \"socks\" is a SOCKS5 proxy: only HTTP proxies"
                        + " are supported" },
                new String[] { null, "socks", "uploadProxyConfigurationName \"socks\" is a SOCKS5 proxy" });
        for (String[] given : cases) {
            StorageClientBuilder builder = built().proxyConfigurationName(given[0])
                    .uploadProxyConfigurationName(given[1]);

            IllegalArgumentException refused = shown(assertThrows(IllegalArgumentException.class, builder::build));

            assertTrue(refused.getMessage().startsWith(given[2]), refused.getMessage());
        }
        assertEquals(0, wireMock.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void theClientsAndTheBuilderShowOnlyTheNames() {
        StorageClientBuilder builder = built().proxyConfigurationName("wrong-password")
                .uploadProxyConfigurationName("from-provider");

        assertTrue(builder.toString().contains("proxy-configuration-name=wrong-password"), builder.toString());
        try (StorageClient client = shown(builder.build())) {
            shown(client);
        }
        shown(media);
        shown(documents);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
