package io.opengater.storage.it.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.smallrye.certs.Pkcs12CertificateFiles;

/**
 * opengater-storage on https only, with mutual TLS: a server certificate and a client certificate made for the test
 * (no JVM trusts them by default), and a WireMock server that asks for the client's certificate. All three clients of
 * the application point at it, each with another TLS configuration of the Quarkus TLS registry:
 * <ul>
 * <li>the default client: {@code storage-service}, which trusts the server and holds the client's key;</li>
 * <li>{@code documents}: {@code trust-only}, which trusts the server but has no client certificate;</li>
 * <li>{@code media}: none, so the JVM's trust store, which does not know the server's CA.</li>
 * </ul>
 */
public class HttpsStorageService implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "storage-service-secret";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createTempDirectory("storage-service-certs-");
            Pkcs12CertificateFiles files = (Pkcs12CertificateFiles) new CertificateGenerator(directory, true)
                    .generate(new CertificateRequest().withName("storage-service").withCN("localhost")
                            .withSubjectAlternativeName("DNS:localhost").withFormat(Format.PKCS12)
                            .withPassword(PASSWORD).withDuration(Duration.ofDays(2)).withClientCertificate())
                    .get(0);
            server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                    .keystorePath(files.keyStoreFile().toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                    .keystoreType("PKCS12")
                    .needClientAuth(true)
                    .trustStorePath(files.serverTrustStoreFile().toString()).trustStorePassword(PASSWORD)
                    .trustStoreType("PKCS12")
                    .jettyAcceptors(1).containerThreads(8));
            server.start();
            String base = "https://localhost:" + server.httpsPort();
            return Map.ofEntries(
                    Map.entry("quarkus.tls.storage-service.trust-store.p12.path", files.trustStoreFile().toString()),
                    Map.entry("quarkus.tls.storage-service.trust-store.p12.password", PASSWORD),
                    Map.entry("quarkus.tls.storage-service.key-store.p12.path", files.clientKeyStoreFile().toString()),
                    Map.entry("quarkus.tls.storage-service.key-store.p12.password", PASSWORD),
                    Map.entry("quarkus.tls.trust-only.trust-store.p12.path", files.trustStoreFile().toString()),
                    Map.entry("quarkus.tls.trust-only.trust-store.p12.password", PASSWORD),
                    Map.entry("quarkus.opengater-storage.base-url", base + "/storage"),
                    Map.entry("quarkus.opengater-storage.api-key", WireMockStorage.API_KEY),
                    Map.entry("quarkus.opengater-storage.tls-configuration-name", "storage-service"),
                    Map.entry("quarkus.opengater-storage.\"documents\".base-url", base + "/documents"),
                    Map.entry("quarkus.opengater-storage.\"documents\".api-key",
                            WireMockStorage.NAMED_API_KEYS.get("documents")),
                    Map.entry("quarkus.opengater-storage.\"documents\".tls-configuration-name", "trust-only"),
                    Map.entry("quarkus.opengater-storage.\"media\".base-url", base + "/media"),
                    Map.entry("quarkus.opengater-storage.\"media\".api-key", WireMockStorage.NAMED_API_KEYS.get("media")));
        } catch (Exception e) {
            throw new IllegalStateException("the https storage service did not start", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                field -> field.getType() == WireMockServer.class && field.isAnnotationPresent(InjectWireMock.class)
                        && field.getAnnotation(InjectWireMock.class).value().equals("https-service"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
