package io.opengater.storage.client.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.opengater-storage.health.enabled=false}: no readiness check, even with the health extension. */
class ReadinessCheckDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class))
            .overrideConfigKey("quarkus.opengater-storage.health.enabled", "false");

    @Test
    void thereIsNoCheck() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", not(hasItem(containsString("opengater-storage"))));
    }
}
