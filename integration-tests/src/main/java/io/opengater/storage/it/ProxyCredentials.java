package io.opengater.storage.it;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.credentials.CredentialsProvider;
import io.smallrye.mutiny.Uni;

/**
 * A credentials provider of the kind an application has for a vault, here handing out what
 * {@code it.proxy-credentials.user} and {@code .password} say: Quarkus's proxy registry reads a proxy's username and
 * password from it when the proxy's configuration names it ({@code quarkus.proxy."name".credentials-provider.*}).
 */
@ApplicationScoped
@Named("proxy-credentials")
public class ProxyCredentials implements CredentialsProvider {

    @ConfigProperty(name = "it.proxy-credentials.user")
    Optional<String> user;

    @ConfigProperty(name = "it.proxy-credentials.password")
    Optional<String> password;

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        Map<String, String> credentials = new HashMap<>();
        user.ifPresent(value -> credentials.put(USER_PROPERTY_NAME, value));
        password.ifPresent(value -> credentials.put(PASSWORD_PROPERTY_NAME, value));
        return credentials;
    }

    /**
     * At once, on the caller's thread: the registry asks while the application starts, before Quarkus hands Mutiny its
     * executor, and the default method would run on Mutiny's default one, which after an earlier application in the
     * same JVM (the tests before this one, a restart in dev mode) is that application's, shut down.
     */
    @Override
    public Uni<Map<String, String>> getCredentialsAsync(String credentialsProviderName) {
        return Uni.createFrom().item(getCredentials(credentialsProviderName));
    }
}
