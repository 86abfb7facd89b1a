package io.opengater.storage.client.runtime;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;

/**
 * The run-time configuration of where the clients' API keys come from when it is not {@code api-key}: per client, as
 * {@link StorageConfig} is, under the same prefix and client names.
 * <p>
 * A configuration root of its own, as Quarkus's datasource extensions each add theirs to {@code quarkus.datasource}:
 * SmallRye Config 3.16 sorts each root's property names, for matching environment variables, with a comparator that
 * breaks its contract when a named client's property ({@code "*".timeout}) matches a default client's group property
 * ({@code upload.timeout}); from 32 names on, the sort can throw, and the application no longer starts. These
 * properties in {@link StorageClientConfig} made 32, and the sort threw; here they add none to its names.
 */
@ConfigMapping(prefix = "quarkus.opengater-storage")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface StorageCredentialsConfig {

    /**
     * The clients, by name as in {@link StorageConfig#clients()}: the properties without a name configure the default
     * client.
     */
    @ConfigDocSection
    @ConfigDocMapKey("client-name")
    @WithParentName
    @WithDefaults
    @WithUnnamedKey(StorageConfig.DEFAULT_CLIENT_NAME)
    Map<String, ClientCredentialsConfig> clients();

    /**
     * Where one client's API key comes from.
     */
    @ConfigGroup
    interface ClientCredentialsConfig {

        /**
         * The API key read from an {@code io.quarkus.credentials.CredentialsProvider} (such as the Vault extension's)
         * instead of {@code api-key}, so that a key rotated in the secret store is used without a restart.
         */
        CredentialsProviderConfig credentialsProvider();
    }

    /**
     * The API key read from a {@code CredentialsProvider} bean, as Quarkus's datasources and proxy registry read their
     * passwords.
     */
    @ConfigGroup
    interface CredentialsProviderConfig {

        /**
         * The name of the credentials to ask the credentials provider for (the argument of its
         * {@code getCredentials}), such as the name of a Vault secret. When it is set, the API key is read from the
         * provider instead of {@code api-key}, which must then be left unset: when the client is first used, and once
         * more whenever the service refuses the key (HTTP 401 or 403), after which the refused request is sent once
         * more with the key just read. A key rotated in the secret store is so picked up without a restart, and a
         * wrong key still fails with {@code StorageAuthException} after that one repetition. Not set: the key is
         * {@code api-key}.
         */
        Optional<String> name();

        /**
         * The name of the {@code CredentialsProvider} bean ({@code @Named}) to read the key from, such as
         * {@code vault-credentials-provider}, when the application has more than one. Not set: the application's
         * only {@code CredentialsProvider} bean. A name that no bean has stops the start.
         */
        Optional<String> beanName();

        /**
         * Where the API key is in the credentials that the provider returns: the key of the map entry.
         */
        @WithDefault("api-key")
        String apiKeyKey();
    }
}
