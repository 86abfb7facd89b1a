package io.opengater.storage.client.runtime;

import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The build-time configuration of the opengater-storage clients.
 */
@ConfigMapping(prefix = "quarkus.opengater-storage")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface StorageBuildTimeConfig {

    /**
     * Dev Services: the embedded storage started in dev and test mode.
     */
    @ConfigDocSection
    StorageDevServicesConfig devservices();

    /**
     * Dev Services start a fake opengater-storage inside the application's process (no container, no other process)
     * in dev and test mode, for every injected client whose {@code base-url} is not set, and point those clients at
     * it. Never in production mode.
     */
    @ConfigGroup
    interface StorageDevServicesConfig {

        /**
         * Whether Dev Services start the embedded storage when a client has no {@code base-url}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The loopback port the embedded storage listens on; a free port when not set.
         */
        OptionalInt port();

        /**
         * The API key the embedded storage accepts, and that the clients are given; generated when not set.
         */
        Optional<String> apiKey();
    }
}
