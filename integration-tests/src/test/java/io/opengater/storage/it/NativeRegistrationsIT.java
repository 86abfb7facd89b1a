package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import io.opengater.storage.it.support.NativeExecutable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads the native-image configuration that a {@code -Pnative} build generated (with GraalVM, or the sources only
 * without it) and checks that everything the extension needs at run time is registered, so that a missing
 * registration fails here rather than in a user's native build. Under {@code -Pnative} it never skips: no native
 * sources is a failure.
 */
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#notANativeBuild",
        disabledReason = "not a native build: run ./mvnw verify -Pnative")
class NativeRegistrationsIT {

    /** Read and written by Jackson through constructors, accessors and fields. */
    private static final List<String> JACKSON_TYPES = List.of(
            "io.opengater.storage.client.runtime.CreateUploadRequest",
            "io.opengater.storage.client.runtime.DeleteObjectRequest",
            "io.opengater.storage.client.runtime.UploadResponse",
            "io.opengater.storage.client.UploadResult");

    /** Instantiated by SmallRye Config and Fault Tolerance. */
    private static final List<String> CONSTRUCTED_TYPES = List.of(
            "io.opengater.storage.client.runtime.StorageConfig$$CMImpl",
            "io.opengater.storage.client.runtime.StorageClientConfig$$CMImpl",
            "io.opengater.storage.client.runtime.StorageClientConfig$RetryConfig$$CMImpl",
            "io.opengater.storage.client.runtime.StorageClientConfig$UploadConfig$$CMImpl",
            "io.opengater.storage.client.runtime.StorageClientConfig$CircuitBreakerConfig$$CMImpl",
            "io.opengater.storage.client.runtime.RetryBackoff");

    @Test
    void everythingTheExtensionReadsReflectivelyIsRegistered() throws IOException {
        Map<String, JsonObject> registered = reflectConfig().stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(entry -> entry.getString("name"), entry -> entry, (a, b) -> a));

        for (String type : JACKSON_TYPES) {
            JsonObject entry = registered.get(type);
            assertNotNull(entry, type + " is not registered for reflection");
            for (String access : List.of("allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields")) {
                assertTrue(entry.getBoolean(access, false), type + " lacks " + access + ": " + entry);
            }
        }
        for (String type : CONSTRUCTED_TYPES) {
            JsonObject entry = registered.get(type);
            assertNotNull(entry, type + " is not registered for reflection");
            assertTrue(entry.getBoolean("allDeclaredConstructors", false), type + " lacks its constructors");
        }
    }

    private static JsonArray reflectConfig() throws IOException {
        Path sources = NativeExecutable.nativeSourcesJar().orElseThrow(() -> new AssertionError(
                "-Pnative generated no native sources under target/ (no *-native-image-source-jar/*-runner.jar)"));
        try (ZipFile jar = new ZipFile(sources.toFile());
                InputStream config = jar.getInputStream(jar.getEntry("META-INF/native-image/reflect-config.json"))) {
            return new JsonArray(new String(config.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
