package io.opengater.storage.client.deployment;

import java.util.Optional;

import io.opengater.storage.client.runtime.StorageBuildTimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

/**
 * Metrics with {@code quarkus-micrometer}, spans with {@code quarkus-opentelemetry}: each implementation of
 * {@code CallTelemetry} is a bean only when the application has the extension and its {@code enabled} property is
 * true, so that nothing refers to an API the application does not have.
 */
class StorageTelemetryProcessor {

    private static final String RUNTIME = "io.opengater.storage.client.runtime.";

    @BuildStep
    void metrics(Optional<MetricsCapabilityBuildItem> metrics, StorageBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)
                && config.metrics().enabled()) {
            beans.produce(telemetryBean(RUNTIME + "MicrometerCallMetrics"));
        }
    }

    @BuildStep
    void tracing(Capabilities capabilities, StorageBuildTimeConfig config, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER) && config.tracing().enabled()) {
            beans.produce(telemetryBean(RUNTIME + "OpenTelemetryCallTracing"));
        }
    }

    private static AdditionalBeanBuildItem telemetryBean(String className) {
        return AdditionalBeanBuildItem.builder()
                .addBeanClass(className)
                .setDefaultScope(BuiltinScope.SINGLETON.getName())
                .setUnremovable()
                .build();
    }
}
