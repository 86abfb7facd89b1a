package io.opengater.storage.client.runtime;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which clients a configuration names. A client is configured when its {@code base-url} is set, in either spelling:
 * {@code quarkus.opengater-storage."media".base-url} or the environment's
 * {@code QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL}. Anchoring on a property that only a client has keeps the
 * groups ({@code retry}, {@code metrics}, {@code devservices}, ...) from being read as names.
 */
public final class ClientNames {

    private static final String ANCHOR = "base-url";

    /** {@code quarkus.opengater-storage.base-url}, {@code ."media.eu".base-url} or {@code .media.base-url}. */
    private static final Pattern PROPERTY = Pattern
            .compile("quarkus\\.opengater-storage\\.(?:(?:\"([^\"]+)\"|([^.\"]+))\\.)?" + Pattern.quote(ANCHOR));
    /** {@code QUARKUS_OPENGATER_STORAGE_BASE_URL} or {@code QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL}. */
    private static final Pattern VARIABLE = Pattern.compile("QUARKUS_OPENGATER_STORAGE_(?:_([A-Z0-9_]+)__)?BASE_URL");

    private ClientNames() {
    }

    /**
     * @param propertyNames the names of every property visible, as the configuration lists them
     * @param known names the application already knows (the injected ones): an environment variable that spells one
     *        of them names that client, as the variable cannot tell case, dots or dashes
     * @return the configured clients, {@link StorageConfig#DEFAULT_CLIENT_NAME} for the default one; a name seen only
     *         in an environment variable and not known is lower case
     */
    public static Set<String> configured(Iterable<String> propertyNames, Set<String> known) {
        Set<String> names = new TreeSet<>();
        Set<String> variableNames = new TreeSet<>();
        for (String property : propertyNames) {
            Matcher dotted = PROPERTY.matcher(property);
            if (dotted.matches()) {
                String quoted = dotted.group(1);
                String plain = dotted.group(2);
                names.add(quoted != null ? quoted : plain != null ? plain : StorageConfig.DEFAULT_CLIENT_NAME);
                continue;
            }
            Matcher variable = VARIABLE.matcher(property);
            if (variable.matches()) {
                variableNames.add(variable.group(1) == null ? StorageConfig.DEFAULT_CLIENT_NAME : variable.group(1));
            }
        }
        Set<String> spelled = new TreeSet<>(known);
        spelled.addAll(names);
        for (String variableName : variableNames) {
            names.add(variableName.equals(StorageConfig.DEFAULT_CLIENT_NAME) ? variableName
                    : spelled.stream().filter(name -> environmentVariable(name).equals(variableName)).findFirst()
                            .orElse(variableName.toLowerCase(Locale.ROOT)));
        }
        return names;
    }

    /**
     * The environment variable a property is read from, {@code QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL} for
     * {@code quarkus.opengater-storage."media".base-url}; of a client name, its segment in such a variable.
     */
    public static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
