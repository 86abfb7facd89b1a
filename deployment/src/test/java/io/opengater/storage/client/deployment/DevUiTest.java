package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.opengater.storage.testing.FakeStorage;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI card's back end, in dev mode on the embedded storage: it lists the client with its address and
 * creates an upload, which the embedded storage then knows of. With the property the README gives, a dev-mode start
 * on a machine without Docker logs no error: Quarkus asks Docker about every Dev Service, in-process ones too.
 */
class DevUiTest extends DevUIJsonRPCTest {

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class)
                    .addAsResource(new StringAsset("quarkus.log.category.\"org.testcontainers.dockerclient\".level=OFF\n"),
                            "application.properties"))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.SEVERE.intValue());

    DevUiTest() {
        super("quarkus-opengater-storage-client");
    }

    @Test
    void theStartLogsNoError() {
        assertEquals(List.of(), TEST.getLogRecords().stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void theClientsAreListedWithTheirAddress() throws Exception {
        JsonNode clients = executeJsonRPCMethod("getClients");

        assertEquals(1, clients.size(), clients.toString());
        JsonNode client = clients.get(0);
        assertEquals("<default>", client.get("name").asText());
        assertTrue(client.get("baseUrl").asText().matches("http://127\\.0\\.0\\.1:\\d+"), client.toString());
        assertEquals("CLOSED", client.get("circuitBreakerState").asText());
        assertFalse(client.has("apiKey"), client.toString());
    }

    @Test
    void theFormCreatesAnUpload() throws Exception {
        String baseUrl = executeJsonRPCMethod("getClients").get(0).get("baseUrl").asText();
        FakeStorage fake = new FakeStorage(baseUrl);
        fake.reset();

        JsonNode upload = executeJsonRPCMethod("createUpload",
                Map.of("client", "<default>", "contentType", "image/png", "prefix", "dev-ui"));

        assertTrue(upload.get("key").asText().matches("dev-ui/[0-9a-f]{16}\\.png"), upload.toString());
        assertTrue(upload.get("uploadUrl").asText().startsWith(baseUrl), upload.toString());
        assertTrue(upload.get("uploadUrl").asText().endsWith(".png?…"), "the signature is shown: " + upload);
        assertEquals(1, fake.requests("/uploads").size());
    }
}
