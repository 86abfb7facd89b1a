package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.opengater.storage.client.StorageClientBuilder;
import io.opengater.storage.client.UploadChecksum;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.WithDefault;

/**
 * A setting is added in {@link StorageClientConfig} (its property, default and javadoc), or for the key's credentials
 * provider in {@link StorageCredentialsConfig.CredentialsProviderConfig}, and, when built clients have it too, as one
 * method of {@link StorageClientBuilder} and one of {@link ClientBuilder}: these tests fail when one of those is
 * missing or names another property.
 */
class ClientBuilderSettingsTest {

    /** The breaker's tuning is configured only: a built client takes the defaults. */
    private static final Set<String> CONFIGURATION_ONLY = Set.of("circuit-breaker.request-volume-threshold",
            "circuit-breaker.failure-ratio", "circuit-breaker.delay");

    private static final DefaultConfig DEFAULTS = new DefaultConfig(null, null);

    /** A property below a client, as {@code retry.max-delay}: the getters that lead to it, from one of the groups. */
    private record Property(boolean ofCredentials, Method[] path) {

        Object of(StorageClientConfig config, StorageCredentialsConfig.CredentialsProviderConfig credentials)
                throws Exception {
            return value(ofCredentials ? credentials : config, path);
        }

        Object of(ClientSettings settings) throws Exception {
            return of(settings.config(), settings.credentialsProvider());
        }
    }

    @Test
    void everyBuilderMethodSetsThePropertyItIsNamedForAndNothingElse() throws Exception {
        Map<String, Property> properties = properties();
        Set<String> set = new TreeSet<>();
        for (Method method : StorageClientBuilder.class.getMethods()) {
            if (method.getParameterCount() != 1) {
                continue; // build() and buildReactive()
            }
            ClientBuilder reference = keyed(method, new ClientBuilder(null).baseUrl("http://storage:8000"));
            ClientBuilder changed = keyed(method, new ClientBuilder(null).baseUrl("http://storage:8000"));
            method.invoke(changed, distinctValue(method.getParameterTypes()[0]));

            ClientSettings before = reference.settings(DEFAULTS, DefaultCredentials.NONE);
            ClientSettings after = changed.settings(DEFAULTS, DefaultCredentials.NONE);
            List<String> differ = new ArrayList<>();
            for (Map.Entry<String, Property> property : properties.entrySet()) {
                if (!property.getValue().of(before).equals(property.getValue().of(after))) {
                    differ.add(property.getKey());
                }
            }
            assertEquals(1, differ.size(), method.getName() + " changed " + differ);
            assertEquals(method.getName(), ClientBuilder.METHOD_NAMES.name(differ.get(0)),
                    "the message name of " + differ.get(0));
            set.add(differ.get(0));
        }
        Set<String> unset = new TreeSet<>(properties.keySet());
        unset.removeAll(set);
        assertEquals(CONFIGURATION_ONLY, unset, "properties that no builder method sets");
    }

    @Test
    void theTestsDefaultsAreTheConfigurationsDefaults() throws Exception {
        for (Map.Entry<String, Property> property : properties().entrySet()) {
            Method[] path = property.getValue().path();
            WithDefault declared = path[path.length - 1].getAnnotation(WithDefault.class);
            if (declared == null) {
                continue; // the optional ones
            }
            Class<?> type = path[path.length - 1].getReturnType();
            Object expected = declaredDefault(type, declared.value());
            assertEquals(expected, property.getValue().of(DEFAULTS, DefaultCredentials.NONE), property.getKey());
        }
    }

    private static Object declaredDefault(Class<?> type, String value) {
        if (type == Duration.class) {
            return DurationConverter.parseDuration(value);
        }
        if (type == int.class) {
            return Integer.valueOf(value);
        }
        if (type == double.class) {
            return Double.valueOf(value);
        }
        if (type == boolean.class) {
            return Boolean.valueOf(value);
        }
        if (type == MemorySize.class) {
            return new MemorySizeConverter().convert(value);
        }
        if (type == UploadChecksum.class) {
            return UploadChecksum.valueOf(value.toUpperCase(Locale.ROOT));
        }
        return value;
    }

    /**
     * A key from where the method allows one: {@code api-key} and the credentials provider exclude each other, so the
     * provider's methods are compared on a builder that reads its key from a provider.
     */
    private static ClientBuilder keyed(Method method, StorageClientBuilder builder) {
        return (ClientBuilder) (method.getName().startsWith("credentialsProvider")
                ? builder.credentialsProviderName("storage-credentials")
                : builder.apiKey("key"));
    }

    /** Every leaf property below a client, as {@code retry.max-delay}, with the getters that lead to it. */
    private static Map<String, Property> properties() {
        Map<String, Property> properties = new TreeMap<>();
        collect(StorageClientConfig.class, "", new Method[0], false, properties);
        // the credentials' root holds one group per client, whose properties the settings hold
        collect(StorageCredentialsConfig.CredentialsProviderConfig.class, "credentials-provider.", new Method[0], true,
                properties);
        assertTrue(properties.containsKey("retry.max-delay"), properties.keySet().toString());
        assertTrue(properties.containsKey("credentials-provider.api-key-key"), properties.keySet().toString());
        return properties;
    }

    private static void collect(Class<?> group, String prefix, Method[] path, boolean ofCredentials,
            Map<String, Property> properties) {
        for (Method getter : group.getDeclaredMethods()) {
            if (getter.isDefault() || java.lang.reflect.Modifier.isStatic(getter.getModifiers())) {
                continue;
            }
            Method[] next = java.util.Arrays.copyOf(path, path.length + 1);
            next[path.length] = getter;
            String name = prefix + kebab(getter.getName());
            if (getter.getReturnType().isAnnotationPresent(ConfigGroup.class)) {
                collect(getter.getReturnType(), name + ".", next, ofCredentials, properties);
            } else {
                properties.put(name, new Property(ofCredentials, next));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Object value(Object config, Method[] path) throws Exception {
        Object value = config;
        for (Method getter : path) {
            value = getter.invoke(value);
        }
        assertNotNull(value);
        return value;
    }

    private static Object distinctValue(Class<?> type) {
        if (type == Duration.class) {
            return Duration.ofMillis(4321);
        }
        if (type == int.class) {
            return 7;
        }
        if (type == boolean.class) {
            return false; // every boolean setting defaults to true
        }
        if (type == long.class) {
            return 4321L;
        }
        if (type == UploadChecksum.class) {
            return UploadChecksum.NONE;
        }
        return "http://other-" + type.getSimpleName().toLowerCase(Locale.ROOT) + ":9000";
    }
}
