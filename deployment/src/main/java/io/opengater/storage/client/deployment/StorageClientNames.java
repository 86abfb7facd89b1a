package io.opengater.storage.client.deployment;

import java.util.HashSet;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.runtime.StorageConfig;

/**
 * Which clients the configuration names, read from the property names visible at build time.
 */
final class StorageClientNames {

    /** {@code quarkus.opengater-storage."media".base-url}, or unquoted for a name without dots. */
    private static final Pattern NAMED_PROPERTY = Pattern
            .compile("quarkus\\.opengater-storage\\.(?:\"([^\"]+)\"|([^.\"]+))\\.(.+)");
    /** {@code QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL}: the quoted form as an environment variable. */
    private static final Pattern NAMED_VARIABLE = Pattern.compile("QUARKUS_OPENGATER_STORAGE__([A-Z0-9_]+?)__.+");

    /** Properties of the default client, and groups of any client, which an unquoted name would be confused with. */
    private static final Set<String> NOT_NAMES = Set.of("base-url", "api-key", "timeout", "retry", "circuit-breaker",
            "devservices", "health", "upload");

    static final DotName CLIENT_NAME = DotName.createSimple(StorageClientName.class);

    private StorageClientNames() {
    }

    /**
     * @return every name given to {@code @StorageClientName} in the application
     */
    static Set<String> named(IndexView index) {
        Set<String> names = new TreeSet<>();
        for (AnnotationInstance qualifier : index.getAnnotations(CLIENT_NAME)) {
            names.add(qualifier.value().asString());
        }
        return names;
    }

    /**
     * @return the default client's name and every name given to {@code @StorageClientName} in the application
     */
    static Set<String> injected(IndexView index) {
        Set<String> names = named(index);
        names.add(StorageConfig.DEFAULT_CLIENT_NAME);
        return names;
    }

    /**
     * @return the client names that have at least one property; the default client's name when a property without a
     *         name is set. Names from environment variables come lower-cased, as the variable cannot tell.
     */
    static Set<String> configured(Iterable<String> propertyNames) {
        Set<String> names = new HashSet<>();
        for (String property : propertyNames) {
            Matcher named = NAMED_PROPERTY.matcher(property);
            if (named.matches()) {
                String name = named.group(1) != null ? named.group(1) : named.group(2);
                names.add(named.group(1) == null && NOT_NAMES.contains(name) ? StorageConfig.DEFAULT_CLIENT_NAME
                        : name);
                continue;
            }
            Matcher variable = NAMED_VARIABLE.matcher(property);
            if (variable.matches()) {
                names.add(variable.group(1).toLowerCase(Locale.ROOT));
            } else if (property.startsWith("quarkus.opengater-storage.")
                    || property.startsWith("QUARKUS_OPENGATER_STORAGE_")) {
                names.add(StorageConfig.DEFAULT_CLIENT_NAME);
            }
        }
        return names;
    }
}
