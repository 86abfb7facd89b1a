package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.Executable;


import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every invalid input of the contract's section 2 is refused by both facades with an
 * {@link IllegalArgumentException} naming the argument, and nothing reaches the service.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InputValidationTest extends WireMockStorageTest {

    @Inject
    ReactiveStorageClient reactiveStorage;

    @AfterEach
    void nothingWasSent() {
        assertEquals(0, wireMock.getAllServeEvents().size(), "requests reached the service");
    }

    static Stream<Arguments> invalidContentTypes() {
        return Stream.of(
                Arguments.of(null, "must not be null"),
                Arguments.of("", "must not be blank"),
                Arguments.of("   ", "must not be blank"),
                Arguments.of("image/" + "x".repeat(250), "at most 255 characters"),
                Arguments.of("png", "type/subtype"),
                Arguments.of("image/", "type/subtype"),
                Arguments.of("/png", "type/subtype"),
                Arguments.of("image png/x", "type/subtype"),
                Arguments.of("image/png\r\nX-Injected: 1", "control characters"),
                Arguments.of("image/png\u0000", "control characters"),
                Arguments.of("text/plain; charset=utf-8\u007f", "control characters"));
    }

    @ParameterizedTest
    @MethodSource("invalidContentTypes")
    void invalidContentTypesAreRefused(String contentType, String reason) {
        assertRefused("contentType", reason, () -> storage.createUpload(contentType));
        assertRefused("contentType", reason, () -> storage.createUpload(contentType, "prefix"));
        assertRefused("contentType", reason, () -> reactiveStorage.createUpload(contentType));
        assertRefused("contentType", reason, () -> reactiveStorage.createUpload(contentType, "prefix"));
    }

    static Stream<Arguments> invalidPrefixes() {
        return Stream.of(
                Arguments.of("p".repeat(1_025), "at most 1024 characters"),
                Arguments.of("news\narticles", "control characters"),
                Arguments.of("news\tarticles", "control characters"),
                Arguments.of("news\u0085", "control characters"));
    }

    @ParameterizedTest
    @MethodSource("invalidPrefixes")
    void invalidPrefixesAreRefused(String prefix, String reason) {
        assertRefused("prefix", reason, () -> storage.createUpload("image/png", prefix));
        assertRefused("prefix", reason, () -> reactiveStorage.createUpload("image/png", prefix));
    }

    static Stream<Arguments> invalidKeysAndUrls() {
        return Stream.of(
                Arguments.of(null, "must not be null"),
                Arguments.of("", "must not be blank"),
                Arguments.of(" \t", "must not be blank"),
                Arguments.of("a.png\r\n", "control characters"));
    }

    @ParameterizedTest
    @MethodSource("invalidKeysAndUrls")
    void invalidKeysAndPublicUrlsAreRefused(String value, String reason) {
        assertRefused("key", reason, () -> storage.deleteByKey(value));
        assertRefused("key", reason, () -> reactiveStorage.deleteByKey(value));
        assertRefused("publicUrl", reason, () -> storage.deleteByPublicUrl(value));
        assertRefused("publicUrl", reason, () -> reactiveStorage.deleteByPublicUrl(value));
        if (value != null) {
            assertRefused("key", reason, () -> storage.deleteObject(null, value));
            assertRefused("key", reason, () -> storage.deleteObject("https://cdn.example/a.png", value));
            assertRefused("publicUrl", reason, () -> storage.deleteObject(value, "a.png"));
            assertRefused("publicUrl", reason, () -> reactiveStorage.deleteObject(value, null));
        }
    }

    @Test
    void deleteWithNeitherKeyNorUrlIsRefused() {
        for (Executable call : List.<Executable> of(() -> storage.deleteObject(null, null),
                () -> reactiveStorage.deleteObject(null, null))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, call);
            assertEquals("publicUrl and key must not both be null: give at least one", refused.getMessage());
        }
    }

    private static void assertRefused(String argument, String reason, Executable call) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, call);
        assertTrue(refused.getMessage().startsWith(argument + " "), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }
}
