package io.opengater.storage.client.runtime;

import java.util.Map;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;

/**
 * The run-time configuration of the opengater-storage clients.
 */
@ConfigMapping(prefix = "quarkus.opengater-storage")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface StorageConfig {

    /**
     * The name of the default client, configured by the properties without a name.
     */
    String DEFAULT_CLIENT_NAME = "<default>";

    /**
     * The name clients built with {@code StorageClient.builder()} report in logs, metrics and spans. Nobody configures
     * it, so its configuration holds the defaults that a builder starts from.
     */
    String BUILT_CLIENT_NAME = "<built>";

    /**
     * The clients. The properties without a name ({@code quarkus.opengater-storage.base-url}) configure the default
     * client, injected without qualifier; the same properties under a name
     * ({@code quarkus.opengater-storage."media".base-url}) configure a named client, injected with
     * {@code @StorageClientName("media")}. Only injected clients are created, and each is checked at start.
     */
    @ConfigDocSection
    @ConfigDocMapKey("client-name")
    @WithParentName
    @WithDefaults
    @WithUnnamedKey(DEFAULT_CLIENT_NAME)
    Map<String, StorageClientConfig> clients();

    /**
     * The full name of a client's property, for messages that tell the user what to set.
     *
     * @param clientName the client's name
     * @param attribute the property below the client, as {@code base-url}
     * @return {@code quarkus.opengater-storage.base-url} for the default client,
     *         {@code quarkus.opengater-storage."media".base-url} for the client named {@code media}
     */
    static String propertyName(String clientName, String attribute) {
        return DEFAULT_CLIENT_NAME.equals(clientName)
                ? "quarkus.opengater-storage." + attribute
                : "quarkus.opengater-storage.\"" + clientName + "\"." + attribute;
    }
}
