package io.opengater.storage.testing;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;

/**
 * The test resource behind {@link ConnectFakeStorage}. It starts nothing: it reads a client's {@code base-url} from
 * the properties Dev Services set or, failing that, from the test's configuration (where the properties of test
 * resources such as {@link FakeStorageResource} are), and sets each {@link InjectFakeStorage} field of the test to a
 * {@link FakeStorage} at that address.
 */
public final class FakeStorageConnector
        implements QuarkusTestResourceConfigurableLifecycleManager<ConnectFakeStorage>, DevServicesContext.ContextAware {

    private static final String PREFIX = "quarkus.opengater-storage.";

    private Map<String, String> devServicesProperties = Map.of();
    private final Map<String, FakeStorage> handles = new HashMap<>();

    /** Creates the connector; Quarkus does, for each test class annotated {@link ConnectFakeStorage}. */
    public FakeStorageConnector() {
    }

    /** @param context the properties of the Dev Services started for the test's application */
    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        devServicesProperties = context.devServicesProperties();
    }

    /** @return no properties: the application is configured for its storage already */
    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    /** Forgets the handles; whoever started the fake stops it. */
    @Override
    public void stop() {
        handles.clear();
    }

    /**
     * Sets every field annotated {@link InjectFakeStorage}, of the test's class and its superclasses.
     *
     * @param testInstance the test
     * @throws IllegalStateException if such a field is not a {@link FakeStorage}, or its client has no
     *         {@code base-url}
     */
    @Override
    public void inject(Object testInstance) {
        for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                InjectFakeStorage annotation = field.getAnnotation(InjectFakeStorage.class);
                if (annotation == null) {
                    continue;
                }
                if (field.getType() != FakeStorage.class) {
                    throw new IllegalStateException("@InjectFakeStorage is for fields of type FakeStorage, and "
                            + type.getName() + "." + field.getName() + " is a " + field.getType().getName());
                }
                FakeStorage handle = handles.computeIfAbsent(annotation.client(),
                        client -> new FakeStorage(baseUrl(client)));
                try {
                    field.setAccessible(true);
                    field.set(testInstance, handle);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set " + type.getName() + "." + field.getName(), e);
                }
            }
        }
    }

    private String baseUrl(String client) {
        List<String> names = baseUrlProperties(client);
        for (String name : names) {
            String value = devServicesProperties.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        for (String name : names) {
            Optional<String> value = ConfigProvider.getConfig().getOptionalValue(name, String.class);
            if (value.isPresent()) {
                return value.get();
            }
        }
        throw new IllegalStateException(names.get(0) + " is not set, so @InjectFakeStorage"
                + (client.isEmpty() ? "" : "(client = \"" + client + "\")") + " has no fake storage to connect to:"
                + " leave it unset for Dev Services to start the embedded storage, or start one with"
                + " @WithTestResource(FakeStorageResource.class)" + (client.isEmpty() ? ""
                        : " and " + client + " in its clients argument"));
    }

    /** The default client's property, or a named client's as Dev Services set it, then as users may write it. */
    private static List<String> baseUrlProperties(String client) {
        if (client.isEmpty() || client.equals("<default>")) {
            return List.of(PREFIX + "base-url");
        }
        String quoted = PREFIX + "\"" + client + "\".base-url";
        return client.contains(".") ? List.of(quoted) : List.of(quoted, PREFIX + client + ".base-url");
    }
}
