package io.opengater.storage.client.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.testing.FakeStorage;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;

/**
 * With {@code quarkus-smallrye-health}, each injected client has a readiness check that calls the service: here the
 * default client on the embedded storage (Dev Services), a client with a wrong key on the same storage, and a client
 * whose service is down.
 */
class ReadinessCheckTest extends EmbeddedStorageTest {

    static final String WRONG_KEY = "wrong-key-0815";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StorageUsers.class))
            .overrideConfigKey("quarkus.opengater-storage.\"wrong-key\".base-url", "${quarkus.opengater-storage.base-url}")
            .overrideConfigKey("quarkus.opengater-storage.\"wrong-key\".api-key", WRONG_KEY)
            // port 9 (discard) on the loopback: nothing listens, a call is refused at once
            .overrideConfigKey("quarkus.opengater-storage.\"down\".base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.\"down\".api-key", "down-key-1234");

    @Test
    void eachClientHasItsCheck() {
        String body = given().when().get("/q/health/ready").then().statusCode(503).extract().asString();
        JsonPath health = JsonPath.from(body);

        assertEquals("UP", health.getString("checks.find { it.name == 'opengater-storage' }.status"));
        assertEquals(baseUrl, health.getString("checks.find { it.name == 'opengater-storage' }.data.base-url"));
        assertEquals("closed",
                health.getString("checks.find { it.name == 'opengater-storage' }.data.circuit-breaker"));

        String wrongKey = "checks.find { it.name == 'opengater-storage \"wrong-key\"' }";
        assertEquals("DOWN", health.getString(wrongKey + ".status"));
        assertEquals("StorageAuthException", health.getString(wrongKey + ".data.error"));
        assertEquals(403, health.getInt(wrongKey + ".data.status"));
        assertEquals("Invalid API key", health.getString(wrongKey + ".data.detail"));

        String down = "checks.find { it.name == 'opengater-storage \"down\"' }";
        assertEquals("DOWN", health.getString(down + ".status"));
        assertEquals("StorageUnavailableException", health.getString(down + ".data.error"));
        assertNull(health.get(down + ".data.status"));
        assertTrue(health.getString(down + ".data.detail").contains("POST /uploads"),
                health.getString(down + ".data.detail"));

        assertTrue(!body.contains(WRONG_KEY) && !body.contains(apiKey) && !body.contains("down-key-1234"), body);
    }

    @Test
    void theCheckCreatesAnUploadThatIsNeverUsed() {
        given().when().get("/q/health/ready");

        // the default client and the one with the wrong key asked the embedded storage, once each
        assertEquals(2, fake.requests("/uploads").size());
        FakeStorage.ReceivedRequest accepted = fake.requests("/uploads").stream()
                .filter(request -> "<valid>".equals(request.headers().getString("x-api-key"))).findFirst()
                .orElseThrow();
        assertEquals("POST", accepted.method());
        assertEquals("{\"content_type\":\"application/octet-stream\",\"prefix\":\"opengater-storage-health\"}",
                accepted.body());
        assertTrue(fake.objects().isEmpty(), "nothing is stored: " + fake.objects());
    }

    @Test
    void aFailingServiceIsDownWithItsStatusAndUpAgainWhenItRecovers() {
        fake.failNext("/uploads", 503, 2); // the wrong key's check may come first
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'opengater-storage' }.status", is("DOWN"))
                .body("checks.find { it.name == 'opengater-storage' }.data.status", is(503));

        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'opengater-storage' }.status", is("UP"));
    }

    @Test
    void theCheckIsAReadinessCheckOnly() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.name", not(hasItem(containsString("opengater-storage"))))
                .body("checks.find { it.name == 'opengater-storage' }", nullValue());
    }

    @Singleton
    static class StorageUsers {
        @Inject
        StorageClient storage;

        @Inject
        @StorageClientName("wrong-key")
        StorageClient wrongKey;

        @Inject
        @StorageClientName("down")
        StorageClient down;
    }
}
