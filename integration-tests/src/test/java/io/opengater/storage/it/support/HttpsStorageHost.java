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
 * A storage host on https with a certificate made for the test (so no JVM trusts it by default), and a TLS registry
 * configuration {@code storage-host} that trusts it, used by the default client's uploads only.
 */
public class HttpsStorageHost implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "storage-host-secret";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createTempDirectory("storage-host-certs-");
            Pkcs12CertificateFiles files = (Pkcs12CertificateFiles) new CertificateGenerator(directory, true)
                    .generate(new CertificateRequest().withName("storage-host").withCN("localhost")
                            .withSubjectAlternativeName("DNS:localhost").withFormat(Format.PKCS12)
                            .withPassword(PASSWORD).withDuration(Duration.ofDays(2)))
                    .get(0);
            server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                    .keystorePath(files.keyStoreFile().toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                    .keystoreType("PKCS12").jettyAcceptors(1).containerThreads(8));
            server.start();
            return Map.of(
                    "quarkus.tls.storage-host.trust-store.p12.path", files.trustStoreFile().toString(),
                    "quarkus.tls.storage-host.trust-store.p12.password", PASSWORD,
                    "quarkus.opengater-storage.upload.tls-configuration-name", "storage-host");
        } catch (Exception e) {
            throw new IllegalStateException("the https storage host did not start", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                field -> field.getType() == WireMockServer.class && field.isAnnotationPresent(InjectWireMock.class)
                        && field.getAnnotation(InjectWireMock.class).value().equals("https"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
