package io.opengater.storage.it.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Everything the client and the REST client log, request headers included, for the tests that search the log for
 * secrets. Runtime properties only, so that the native executable runs with it too.
 */
public class LoudLoggingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.log.category.\"io.opengater\".level", "DEBUG",
                "quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "DEBUG",
                "quarkus.rest-client.logging.scope", "request-response",
                "quarkus.rest-client.logging.body-limit", "200");
    }
}
