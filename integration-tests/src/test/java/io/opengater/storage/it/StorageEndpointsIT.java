package io.opengater.storage.it;

import org.junit.jupiter.api.condition.DisabledIf;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link StorageEndpointsTest} against the packaged application, a separate process: the jar in the default build,
 * the native executable under {@code -Pnative} where GraalVM exists (skipped where it does not).
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
class StorageEndpointsIT extends StorageEndpointsTest {
}
