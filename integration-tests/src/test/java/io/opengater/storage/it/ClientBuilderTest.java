package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertIterableEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientBuilder;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients built at run time: every setting checked, each client with its own key and settings, and closed clients
 * leave no connection and no thread behind.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ClientBuilderTest extends WireMockStorageTest {

    private StorageClientBuilder tenant(String path, String key) {
        return StorageClient.builder().baseUrl(wireMock.baseUrl() + path).apiKey(key)
                .retryDelay(Duration.ofMillis(10));
    }

    @Test
    void aBuiltClientWorksLikeAnInjectedOne() {
        wireMock.stubFor(post("/tenant-a/uploads").willReturn(okJson(UPLOAD_JSON)));

        try (StorageClient client = tenant("/tenant-a/", "tenant-a-key").timeout(Duration.ofSeconds(5)).build()) {
            UploadResult result = client.createUpload("image/png", "avatars");
            assertEquals("news/articles/2f9c.png", result.key());
        }

        assertIterableEquals(List.of("tenant-a-key"),
                wireMock.findAll(postRequestedFor(urlPathEqualTo("/tenant-a/uploads"))).get(0).header("X-API-Key")
                        .values());
    }

    @Test
    void twoBuiltClientsNeverShareKeysOrSettings() {
        wireMock.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));

        try (StorageClient once = tenant("/a", "key-a").maxRetries(0).build();
                ReactiveStorageClient thrice = tenant("/b", "key-b").maxRetries(2).buildReactive()) {
            assertThrows(StorageUnavailableException.class, () -> once.createUpload("image/png"));
            assertThrows(StorageUnavailableException.class,
                    () -> thrice.createUpload("image/png").await().atMost(Duration.ofSeconds(10)));
        }

        assertEquals(1, wireMock.findAll(postRequestedFor(urlPathEqualTo("/a/uploads"))).size());
        assertEquals(3, wireMock.findAll(postRequestedFor(urlPathEqualTo("/b/uploads"))).size());
        assertTrue(wireMock.findAll(postRequestedFor(urlPathEqualTo("/a/uploads"))).stream()
                .allMatch(request -> request.getHeader("X-API-Key").equals("key-a")));
        assertTrue(wireMock.findAll(postRequestedFor(urlPathEqualTo("/b/uploads"))).stream()
                .allMatch(request -> request.getHeader("X-API-Key").equals("key-b")));
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.baseUrl(null), "baseUrl is not set"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.baseUrl("storage:8000"), "baseUrl must be"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.baseUrl("ftp://storage"), "baseUrl must be"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.baseUrl("http://s/?q=1"), "baseUrl must not"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.apiKey(null), "apiKey is not set"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.apiKey(" "), "apiKey must not be blank"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.apiKey("a\nb"), "apiKey must hold only"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.timeout(null), "timeout must be"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.timeout(Duration.ZERO), "timeout must be"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.maxRetries(-1), "maxRetries must not"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.retryDelay(Duration.ofMillis(-1)),
                        "retryDelay must not"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.retryMaxDelay(null),
                        "retryMaxDelay must not"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.tlsConfigurationName("no-such-tls"),
                        "tlsConfigurationName \"no-such-tls\" is not a configuration of the Quarkus TLS registry"),
                Arguments.of((UnaryOperator<StorageClientBuilder>) b -> b.uploadTlsConfigurationName("no-such-tls"),
                        "uploadTlsConfigurationName \"no-such-tls\" is not a configuration of the Quarkus TLS"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void everySettingIsCheckedAndNamed(UnaryOperator<StorageClientBuilder> change, String expected) {
        String secret = "builder-secret-77";
        StorageClientBuilder builder = change.apply(StorageClient.builder().baseUrl("http://127.0.0.1:9")
                .apiKey(secret));

        IllegalArgumentException blocking = assertThrows(IllegalArgumentException.class, builder::build);
        IllegalArgumentException reactive = assertThrows(IllegalArgumentException.class, builder::buildReactive);

        assertTrue(blocking.getMessage().startsWith(expected), blocking.getMessage());
        assertEquals(blocking.getMessage(), reactive.getMessage());
        assertFalse(blocking.getMessage().contains(secret), blocking.getMessage());
        assertFalse(builder.toString().contains(secret), builder.toString());
    }

    @Test
    void closingAnInjectedClientDoesNothing() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));

        storage.close();

        assertEquals("news/articles/2f9c.png", storage.createUpload("image/png").key());
    }

    @Test
    void twoHundredClientsLeaveNoConnectionAndNoThreadBehind() throws Exception {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .jettyAcceptors(1).containerThreads(8));
        server.start();
        try {
            server.stubFor(post("/t/uploads").willReturn(okJson(UPLOAD_JSON)));
            // One client first: the shared Vert.x and Fault Tolerance threads it may start are not leaks.
            useAndClose(server);
            Set<Thread> threadsBefore = liveThreads();

            for (int i = 0; i < 200; i++) {
                useAndClose(server);
            }

            assertEquals(201, server.findAll(anyRequestedFor(anyUrl())).size());
            assertEquals(0, establishedConnectionsAfterSettling(server.port()), "connections left open");
            // by identity: a leaked Vert.x would start threads with the names of the application's own
            List<String> newThreads = liveThreads().stream().filter(thread -> !threadsBefore.contains(thread))
                    .map(Thread::getName).toList();
            assertTrue(newThreads.isEmpty(), "threads left behind: " + newThreads);
        } finally {
            server.stop();
        }
    }

    private static void useAndClose(WireMockServer server) {
        try (StorageClient client = StorageClient.builder().baseUrl(server.baseUrl() + "/t").apiKey("k").build()) {
            client.createUpload("image/png");
        }
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /** ESTABLISHED TCP connections to or from {@code port}, as the kernel lists them; closing takes a moment. */
    private static long establishedConnectionsAfterSettling(int port) throws IOException, InterruptedException {
        long count = establishedConnections(port);
        for (int i = 0; i < 50 && count > 0; i++) {
            Thread.sleep(100);
            count = establishedConnections(port);
        }
        return count;
    }

    private static long establishedConnections(int port) throws IOException {
        String hexPort = ":%04X".formatted(port);
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (Files.exists(path)) {
                count += Files.readAllLines(path).stream().skip(1).map(line -> line.trim().split("\\s+"))
                        .filter(fields -> fields[3].equals("01"))
                        .filter(fields -> fields[1].endsWith(hexPort) || fields[2].endsWith(hexPort))
                        .count();
            }
        }
        return count;
    }
}
