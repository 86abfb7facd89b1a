package io.opengater.storage.client.deployment;

import jakarta.inject.Singleton;

import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

import io.opengater.storage.client.runtime.StorageBuildTimeConfig;
import io.opengater.storage.client.runtime.StorageClients;
import io.opengater.storage.client.runtime.StorageConfig;
import io.opengater.storage.client.runtime.StorageHealthRecorder;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;

/**
 * A readiness check per client, when the application has {@code quarkus-smallrye-health} and
 * {@code quarkus.opengater-storage.health.enabled} is true.
 */
class StorageHealthProcessor {

    // Named rather than referred to: this module does not depend on the health API.
    private static final DotName ASYNC_HEALTH_CHECK = DotName.createSimple("io.smallrye.health.api.AsyncHealthCheck");
    private static final DotName READINESS = DotName.createSimple("org.eclipse.microprofile.health.Readiness");

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void readinessChecks(Capabilities capabilities, StorageBuildTimeConfig config, StorageClientNamesBuildItem clients,
            StorageHealthRecorder recorder, BuildProducer<SyntheticBeanBuildItem> beans) {
        if (!capabilities.isPresent(Capability.SMALLRYE_HEALTH) || !config.health().enabled()) {
            return;
        }
        for (String name : clients.names()) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator check = SyntheticBeanBuildItem
                    .configure(DotName.createSimple("io.opengater.storage.client.runtime.StorageHealthCheck"))
                    .identifier("opengater-storage-readiness-" + name)
                    .addType(ASYNC_HEALTH_CHECK)
                    .addQualifier(READINESS)
                    .scope(Singleton.class)
                    .setRuntimeInit()
                    .unremovable()
                    .addInjectionPoint(ClassType.create(DotName.createSimple(StorageClients.class)))
                    .createWith(recorder.readinessCheck(name));
            if (!StorageConfig.DEFAULT_CLIENT_NAME.equals(name)) {
                check.addQualifier().annotation(StorageClientNames.QUALIFIER).addValue("value", name).done();
            }
            beans.produce(check.done());
        }
    }
}
