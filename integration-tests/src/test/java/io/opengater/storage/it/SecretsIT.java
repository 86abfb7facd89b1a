package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.ApplicationLogFile;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.LoudLoggingProfile;
import io.opengater.storage.it.support.WireMockServices;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * No API key of any client in anything the packaged application (the native executable under {@code -Pnative}) writes
 * or responds: its whole log from launch on (the file {@code @QuarkusIntegrationTest} makes it write, with DEBUG
 * logging and the REST client's request logging on, so the clients' creation lines are in it too), and the failures its
 * endpoints respond with, after failed, retried and successful calls of all three clients and an upload, whose PUT
 * carries no key. Neither the failures nor any log line show the presigned URL's signature: the REST client's log of
 * the service's response body, which this profile turns on, is written by the extension's own logger, which leaves
 * every query out. The exceptions' stack traces and {@code toString()}s, which a separate process does not show, are
 * covered by {@link SecretsTest} and {@link PresignedQuerySecrecyTest}.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(LoudLoggingProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecretsIT extends WireMockServices {

    private static final String SIGNATURE = "5ec7e75197a7a1be000c0ffee";

    @Test
    void theKeysAreInNoLogLineAndNoResponse() throws Exception {
        String uploadUrl = service.baseUrl() + "/bucket/k.png?X-Amz-Signature=" + SIGNATURE;
        service.stubFor(post("/storage/uploads").inScenario("keys").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"Invalid API key\"}"))
                .willSetStateTo("retried"));
        service.stubFor(post("/storage/uploads").inScenario("keys").whenScenarioStateIs("retried")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        service.stubFor(post("/storage/uploads").inScenario("keys").whenScenarioStateIs("up")
                .willReturn(okJson(new JsonObject().put("upload_url", uploadUrl).put("key", "k.png")
                        .put("public_url", "https://cdn.example/k.png").encode())));
        service.stubFor(delete("/storage/objects").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        service.stubFor(put(urlPathEqualTo("/bucket/k.png")).willReturn(aResponse().withStatus(200)));
        media.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(403)));
        documents.stubFor(post(anyUrl()).willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));

        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Calls.create(Calls.DEFAULT, "image/png")); // 401
        outcomes.add(Calls.delete(Calls.DEFAULT, "a.png")); // reset, retried
        outcomes.add(Calls.uploadBytes(Calls.DEFAULT, new byte[] { 1, 2, 3 }, "image/png", "p")); // 503, then up
        outcomes.add(Calls.create("media", "image/png")); // 403
        outcomes.add(Calls.create("documents", "application/pdf"));

        assertEquals(401, outcomes.get(0).status());
        assertEquals("StorageUnavailableException", outcomes.get(1).error());
        assertNull(outcomes.get(2).error(), outcomes.get(2).message());
        assertEquals(403, outcomes.get(3).status());
        assertNull(outcomes.get(4).error());
        service.verify(putRequestedFor(urlPathEqualTo("/bucket/k.png")).withoutHeader("X-API-Key")
                .withHeader("Content-Type", WireMock.equalTo("image/png")));

        List<String> keys = new ArrayList<>(WireMockStorage.NAMED_API_KEYS.values());
        keys.add(WireMockStorage.API_KEY);
        List<String> secrets = new ArrayList<>(keys);
        secrets.add(SIGNATURE);
        for (Outcome outcome : outcomes) {
            // A result carries the presigned URL: it is for the caller. The failures' texts are not.
            String failure = outcome.error() + " " + outcome.detail() + " " + outcome.message();
            for (String secret : secrets) {
                assertFalse(failure.contains(secret), secret + " in " + outcome);
            }
        }
        // The last call's request line, then the headers of the others: the log is the one the checks need.
        String log = ApplicationLogFile.readOnceItShows("/documents/uploads");
        assertTrue(log.contains("X-API-Key"), "the request log does not show the headers:\n" + log);
        assertTrue(log.contains("/storage/objects"), "the retried delete is not in the log:\n" + log);
        assertTrue(log.contains("Created opengater-storage client"), "the clients' creation is not in the log:\n" + log);
        for (String line : log.split("\n")) {
            for (String key : keys) {
                assertFalse(line.contains(key), key + " was logged: " + line);
            }
            assertFalse(line.contains(SIGNATURE), "the presigned query was logged: " + line);
        }
    }
}
