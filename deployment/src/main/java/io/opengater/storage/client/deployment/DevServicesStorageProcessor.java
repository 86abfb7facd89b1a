package io.opengater.storage.client.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.opengater.storage.client.runtime.StorageBuildTimeConfig;
import io.opengater.storage.client.runtime.StorageConfig;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Dev Services: in dev and test mode, the embedded fake opengater-storage for every client without a
 * {@code base-url}. Quarkus owns its life cycle: started before the application, shared by the test classes of a
 * run, restarted only when its settings change, stopped at shutdown.
 */
@BuildSteps(onlyIfNot = IsNormal.class, onlyIf = DevServicesConfig.Enabled.class)
class DevServicesStorageProcessor {

    private static final Logger LOG = Logger.getLogger(DevServicesStorageProcessor.class);

    static final String SERVICE_NAME = "opengater-storage";

    /**
     * What decides whether a running fake can be reused: the same port, key and clients.
     */
    record FakeStorageSettings(OptionalInt port, Optional<String> apiKey, Set<String> clients) {
    }

    @BuildStep
    void embeddedStorage(StorageBuildTimeConfig config, StorageClientNamesBuildItem clientNames,
            BuildProducer<DevServicesResultBuildItem> devServices, BuildProducer<EmbeddedStorageBuildItem> embedded) {
        if (!config.devservices().enabled()) {
            LOG.debug("Not starting the embedded opengater-storage: quarkus.opengater-storage.devservices.enabled"
                    + " is false");
            return;
        }
        Set<String> clients = new TreeSet<>();
        for (String name : clientNames.names()) {
            String baseUrl = StorageConfig.propertyName(name, "base-url");
            if (ConfigUtils.isPropertyNonEmpty(baseUrl)) {
                LOG.debugf("Not starting the embedded opengater-storage for %s: it is set", baseUrl);
            } else {
                clients.add(name);
            }
        }
        if (clients.isEmpty()) {
            return;
        }
        Map<String, Function<FakeStorageStartable, String>> clientConfig = new LinkedHashMap<>();
        for (String name : clients) {
            clientConfig.put(StorageConfig.propertyName(name, "base-url"), FakeStorageStartable::getConnectionInfo);
            String credentialsProvider = StorageConfig.propertyName(name, "credentials-provider.name");
            if (ConfigUtils.isPropertyNonEmpty(credentialsProvider)) {
                // api-key would contradict it: the application's provider gives the key, as it would in production
                LOG.debugf("Not setting the embedded opengater-storage's key for %s: %s is set", name,
                        credentialsProvider);
            } else {
                clientConfig.put(StorageConfig.propertyName(name, "api-key"), FakeStorageStartable::apiKey);
            }
        }
        embedded.produce(new EmbeddedStorageBuildItem(clients));
        OptionalInt port = config.devservices().port();
        Optional<String> apiKey = config.devservices().apiKey();
        devServices.produce(DevServicesResultBuildItem.owned()
                .feature(StorageClientProcessor.FEATURE)
                .serviceName(SERVICE_NAME)
                .serviceConfig(new FakeStorageSettings(port, apiKey, clients))
                .startable(() -> new FakeStorageStartable(port.orElse(0), apiKey))
                .configProvider(clientConfig)
                .build());
    }
}
