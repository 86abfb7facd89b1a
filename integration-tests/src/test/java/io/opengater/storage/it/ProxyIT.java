package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.EnabledIf;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.ApplicationLogFile;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.LoudLoggingProfile;
import io.opengater.storage.it.support.TinyproxyProcess;
import io.opengater.storage.it.support.TinyproxyResource;
import io.opengater.storage.it.support.WireMockServices;
import io.opengater.storage.it.support.WireMockStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Quarkus's proxy registry in the packaged application (the native executable under {@code -Pnative}), read at run
 * time, with tinyproxy ({@link TinyproxyResource}) in front of WireMock: the default client, with no proxy name, calls
 * and uploads through the registry's default proxy; {@code media}, through {@code wrong-password}, gets the proxy's
 * refusal; {@code documents} calls directly ({@code none}) and its {@code PUT} is refused by the proxy; and no proxy
 * password is in the application's log (DEBUG and the REST client's request log on) or in its responses. Tunnels to
 * https hosts, the credentials provider, non-proxy hosts and the stack traces are covered by {@link ProxyTest}.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@EnabledIf(value = "io.opengater.storage.it.support.TinyproxyProcess#available",
        disabledReason = "tinyproxy is not installed (Debian's tinyproxy; CI installs it)")
@TestProfile(LoudLoggingProfile.class)
@WithTestResource(value = TinyproxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProxyIT extends WireMockServices {

    private static final String OBJECT = "/bucket/k.png";

    TinyproxyProcess tinyproxy;

    private String uploadUrl;

    @BeforeEach
    void presigned() {
        tinyproxy.forgetRequests();
        uploadUrl = service.baseUrl() + OBJECT + "?X-Amz-Signature=0ddba11";
        String body = new JsonObject().put("upload_url", uploadUrl).put("key", "k.png")
                .put("public_url", "https://cdn.example/k.png").encode();
        service.stubFor(post("/storage/uploads").willReturn(okJson(body)));
        documents.stubFor(post("/documents/uploads").willReturn(okJson(body)));
        service.stubFor(put(urlPathEqualTo(OBJECT)).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void withoutANameTheCallAndThePutGoThroughTheRegistrysDefaultProxy() {
        byte[] bytes = { 3, 1, 4, 1, 5, 9 };

        Outcome outcome = Calls.uploadBytes(Calls.DEFAULT, bytes, "image/png", "p");

        assertNull(outcome.error(), outcome.message());
        List<String> proxied = tinyproxy.requestsMentioning(":" + service.port() + "/");
        assertTrue(proxied.contains("POST " + service.baseUrl() + "/storage/uploads HTTP/1.1"), proxied.toString());
        assertTrue(proxied.contains("PUT " + uploadUrl + " HTTP/1.1"), proxied.toString());
        List<LoggedRequest> puts = service.findAll(putRequestedFor(urlPathEqualTo(OBJECT)));
        assertEquals(1, puts.size());
        assertArrayEquals(bytes, puts.get(0).getBody());
        assertTrue(puts.get(0).getHeader("Via").contains("tinyproxy"), "the proxy forwarded it");
        assertFalse(puts.get(0).containsHeader("X-API-Key"));
        assertFalse(puts.get(0).containsHeader("Proxy-Authorization"));
    }

    @Test
    void aWrongProxyPasswordIsTheProxysRefusalNotTheServices() {
        Outcome outcome = Calls.create("media", "image/png");

        assertEquals("StorageException", outcome.error(), "not StorageAuthException: the key was not refused");
        assertEquals(401, outcome.status());
        assertEquals("the proxy refused the request (401 Unauthorized); check the proxy's username and password",
                outcome.detail());
        assertEquals(0, Calls.requests(media));
        assertEquals(1, tinyproxy.requestsMentioning(":" + media.port() + "/").size());
    }

    @Test
    void noneCallsDirectlyAndTheUploadsOwnProxyRefusesThePut() {
        Outcome outcome = Calls.uploadBytes("documents", new byte[] { 1 }, "image/png", "p");

        assertEquals("StorageException", outcome.error(), outcome.message());
        assertEquals(401, outcome.status());
        assertTrue(outcome.detail().startsWith("the proxy refused the request (401 Unauthorized)"), outcome.detail());
        assertEquals(List.of(), tinyproxy.requestsMentioning(":" + documents.port() + "/"));
        assertFalse(documents.findAll(anyRequestedFor(anyUrl())).get(0).containsHeader("Via"));
        assertEquals(0, service.findAll(putRequestedFor(anyUrl())).size());
    }

    @Test
    void noProxyPasswordIsInTheLogOrInAResponse() throws Exception {
        List<Outcome> outcomes = List.of(Calls.uploadBytes(Calls.DEFAULT, new byte[] { 1 }, "image/png", "p"),
                Calls.create("media", "image/png"), Calls.uploadBytes("documents", new byte[] { 1 }, "image/png", "p"));
        assertNull(outcomes.get(0).error(), outcomes.get(0).message());

        List<String> secrets = List.of(TinyproxyResource.PASSWORD, TinyproxyResource.WRONG_PASSWORD,
                base64(TinyproxyResource.USER + ":" + TinyproxyResource.PASSWORD),
                base64(TinyproxyResource.USER + ":" + TinyproxyResource.WRONG_PASSWORD));
        for (Outcome outcome : outcomes) {
            for (String secret : secrets) {
                assertFalse(String.valueOf(outcome).contains(secret), "a proxy password in " + outcome);
            }
        }
        String log = ApplicationLogFile.readOnceItShows("Proxy-Authorization=****");
        for (String line : log.split("\n")) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a proxy password was logged: " + line);
            }
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
