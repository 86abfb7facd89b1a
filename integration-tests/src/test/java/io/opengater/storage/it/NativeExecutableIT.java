package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.opengater.storage.it.support.NativeExecutable;

/**
 * When the build says it made a native executable ({@code -Pnative -Dnative.expected=true}, as {@code .ci/run} does
 * when it has a native-image toolchain), the executable is there: the integration tests then run against it, and a
 * failed or skipped native build cannot pass as green skips.
 */
@EnabledIf(value = "io.opengater.storage.it.support.NativeExecutable#expected",
        disabledReason = "no native executable expected (-Dnative.expected=true is not set)")
class NativeExecutableIT {

    @Test
    void theExecutableWasBuilt() {
        assertTrue(NativeExecutable.requested(), "-Dnative.expected=true without -Pnative: native.image.path is unset");
        assertTrue(NativeExecutable.runner().isPresent(),
                "no native executable at " + System.getProperty("native.image.path"));
    }
}
