package io.opengater.storage.client.runtime;

import java.util.Optional;

/**
 * The defaults of {@link StorageCredentialsConfig.CredentialsProviderConfig}, as its {@code @WithDefault}s give them,
 * with the names of credentials and of their provider's bean, or none.
 */
record DefaultCredentials(String credentials, String bean)
        implements StorageCredentialsConfig.CredentialsProviderConfig {

    /** No credentials provider: the key is {@code api-key}. */
    static final DefaultCredentials NONE = new DefaultCredentials(null, null);

    @Override
    public Optional<String> name() {
        return Optional.ofNullable(credentials);
    }

    @Override
    public Optional<String> beanName() {
        return Optional.ofNullable(bean);
    }

    @Override
    public String apiKeyKey() {
        return "api-key";
    }
}
