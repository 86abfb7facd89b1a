package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.testing.FakeStorageServer;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A multi-tenant application that only looks its clients up, by name, at run time, and whose configuration sets every
 * property group besides each client's {@code base-url} and {@code api-key}: it starts, every configured client is
 * found by {@code Instance} and by {@code Arc.container()}, each talks to its own service, and no group is a client.
 */
class ProgrammaticLookupTest {

    /** The three services, started before the application and stopped after it; keyed by client name. */
    private static final Map<String, FakeStorageServer> SERVICES = new ConcurrentHashMap<>();
    private static final List<String> CLIENTS = List.of("default", "media", "media.eu");

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tenants.class))
            // the addresses are known only when the services run: the build sees the properties, not their values
            .overrideConfigKey("quarkus.opengater-storage.base-url", "${lookup-test.default.url}")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "default-key")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".base-url", "${lookup-test.media.url}")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".api-key", "media-key")
            .overrideConfigKey("quarkus.opengater-storage.\"media.eu\".base-url", "${lookup-test.media.eu.url}")
            .overrideConfigKey("quarkus.opengater-storage.\"media.eu\".api-key", "media.eu-key")
            // every group, so that none of them is read as a client's name
            .overrideConfigKey("quarkus.opengater-storage.metrics.enabled", "true")
            .overrideConfigKey("quarkus.opengater-storage.tracing.enabled", "true")
            .overrideConfigKey("quarkus.opengater-storage.health.enabled", "true")
            .overrideConfigKey("quarkus.opengater-storage.devservices.enabled", "false")
            .overrideConfigKey("quarkus.opengater-storage.upload.timeout", "5M")
            .overrideConfigKey("quarkus.opengater-storage.retry.max-retries", "1")
            .overrideConfigKey("quarkus.opengater-storage.circuit-breaker.enabled", "true")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".retry.delay", "10MS")
            .setBeforeAllCustomizer(() -> CLIENTS.forEach(client -> {
                FakeStorageServer service = FakeStorageServer.start(0, client + "-key");
                SERVICES.put(client, service);
                System.setProperty("lookup-test." + client + ".url", service.baseUrl());
            }))
            .setAfterAllCustomizer(() -> {
                SERVICES.values().forEach(FakeStorageServer::close);
                CLIENTS.forEach(client -> System.clearProperty("lookup-test." + client + ".url"));
            });

    @Inject
    Tenants tenants;

    @Test
    void everyConfiguredClientIsFoundByName() {
        assertUploadsTo("media", tenants.blocking.select(StorageClientName.Literal.of("media")).get());
        assertUploadsTo("media.eu", tenants.blocking.select(StorageClientName.Literal.of("media.eu")).get());
        assertUploadsTo("default", tenants.blocking.select(Default.Literal.INSTANCE).get());
        assertUploadsTo("default", tenants.defaultOnly.get());
        assertUploadsTo("media", tenants.reactive.select(StorageClientName.Literal.of("media")).get()
                .createUpload("image/png", "tenant").await().indefinitely());
        assertUploadsTo("media.eu", Arc.container()
                .select(StorageClient.class, StorageClientName.Literal.of("media.eu")).get());
        assertUploadsTo("default", Arc.container().select(ReactiveStorageClient.class).get()
                .createUpload("image/png", "tenant").await().indefinitely());
    }

    @Test
    void theClientsAreTheConfiguredOnesAndNoGroup() {
        Set<String> found = new TreeSet<>();
        for (Instance.Handle<StorageClient> handle : tenants.blocking.handles()) {
            found.add(handle.getBean().getQualifiers().stream()
                    .filter(StorageClientName.class::isInstance).map(q -> ((StorageClientName) q).value())
                    .findFirst().orElse("<default>"));
        }
        assertEquals(Set.of("<default>", "media", "media.eu"), found);
        for (String group : new String[] { "metrics", "tracing", "health", "devservices", "upload", "retry",
                "circuit-breaker" }) {
            assertFalse(tenants.blocking.select(StorageClientName.Literal.of(group)).isResolvable(), group);
        }
    }

    private static void assertUploadsTo(String client, StorageClient storage) {
        assertUploadsTo(client, storage.createUpload("image/png", "tenant"));
    }

    /** Each service hands out URLs of its own address, and only to its own key. */
    private static void assertUploadsTo(String client, UploadResult upload) {
        String service = ConfigProvider.getConfig().getValue("lookup-test." + client + ".url", String.class);
        assertTrue(upload.uploadUrl().startsWith(service + "/"), upload.key() + " is not from " + service);
        assertTrue(upload.key().startsWith("tenant/"), upload.key());
    }

    @Singleton
    static class Tenants {

        @Inject
        @Any
        Instance<StorageClient> blocking;

        @Inject
        @Any
        Instance<ReactiveStorageClient> reactive;

        @Inject
        Instance<StorageClient> defaultOnly;
    }
}
