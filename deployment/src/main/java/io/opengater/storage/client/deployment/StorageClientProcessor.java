package io.opengater.storage.client.deployment;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.client.runtime.ClientNames;
import io.opengater.storage.client.runtime.CreateUploadRequest;
import io.opengater.storage.client.runtime.DeleteObjectRequest;
import io.opengater.storage.client.runtime.StorageBuildTimeConfig;
import io.opengater.storage.client.runtime.StorageClientRecorder;
import io.opengater.storage.client.runtime.StorageClients;
import io.opengater.storage.client.runtime.StorageConfig;
import io.opengater.storage.client.runtime.UploadResponse;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * The client's feature, beans and native registrations.
 */
class StorageClientProcessor {

    static final String FEATURE = "opengater-storage-client";

    static final Set<DotName> CLIENT_TYPES = Set.of(DotName.createSimple(StorageClient.class),
            DotName.createSimple(ReactiveStorageClient.class));

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The builder is found only by {@code StorageClient.builder()}'s lookup, which the build cannot see. */
    @BuildStep
    AdditionalBeanBuildItem clientHolderBuilderAndQualifier() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(StorageClients.class, StorageClientName.class)
                .addBeanClass("io.opengater.storage.client.runtime.ClientBuilder")
                .setUnremovable()
                .build();
    }

    /**
     * The bodies are read and written by Jackson through their record components; the REST client registers the
     * request bodies itself, but the response is read from a raw {@code Response}, which it cannot see. The result
     * is registered too, as applications hand it to Jackson in ways Quarkus cannot see either.
     */
    @BuildStep
    ReflectiveClassBuildItem bodies() {
        return ReflectiveClassBuildItem.builder(CreateUploadRequest.class, DeleteObjectRequest.class,
                UploadResponse.class, UploadResult.class)
                .constructors().methods().fields()
                .reason(getClass().getName())
                .build();
    }

    /**
     * The clients that get beans: the default client when it is injected without qualifier or configured, a named one
     * for each {@code @StorageClientName} in the code, and every client whose {@code base-url} is visible at build
     * time, so that programmatic lookups ({@code @Any Instance<StorageClient>}, {@code Arc.container().select(..)})
     * find them. No setting is needed to build: a missing one fails the start, naming the property.
     */
    @BuildStep
    StorageClientNamesBuildItem clientNames(BeanArchiveIndexBuildItem index,
            BeanDiscoveryFinishedBuildItem beanDiscovery, LaunchModeBuildItem launchMode,
            StorageBuildTimeConfig buildTimeConfig) {
        Set<String> names = StorageClientNames.named(index.getIndex());
        names.addAll(ClientNames.configured(ConfigProvider.getConfig().getPropertyNames(), names));
        // In dev and test mode, Dev Services configure the default client for a lookup too.
        boolean devServicesConfigure = !launchMode.getLaunchMode().isProduction()
                && buildTimeConfig.devservices().enabled();
        for (InjectionPointInfo injectionPoint : beanDiscovery.getInjectionPoints()) {
            if (CLIENT_TYPES.contains(injectionPoint.getRequiredType().name())
                    && (injectionPoint.hasDefaultedQualifier()
                            || injectionPoint.isProgrammaticLookup() && devServicesConfigure)) {
                names.add(StorageConfig.DEFAULT_CLIENT_NAME);
            }
        }
        return new StorageClientNamesBuildItem(names);
    }

    /**
     * Both facades of every client in {@link StorageClientNamesBuildItem}, made on first use.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void clientBeans(StorageClientRecorder recorder, StorageClientNamesBuildItem clients,
            BuildProducer<SyntheticBeanBuildItem> beans) {
        for (String name : clients.names()) {
            beans.produce(clientBean(name, StorageClient.class, recorder.blockingClient(name)));
            beans.produce(clientBean(name, ReactiveStorageClient.class, recorder.reactiveClient(name)));
        }
    }

    /**
     * The configuration of every client in {@link StorageClientNamesBuildItem} is checked at start, so that a missing
     * or invalid {@code base-url} or {@code api-key} stops the application with a message naming the property.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void checkClients(StorageClientRecorder recorder, StorageClientNamesBuildItem clients,
            BeanContainerBuildItem beanContainer) {
        recorder.checkClients(new TreeSet<>(clients.names()));
    }

    private static <T> SyntheticBeanBuildItem clientBean(String name, Class<T> type,
            Function<SyntheticCreationalContext<T>, T> creator) {
        SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem.configure(type)
                .scope(ApplicationScoped.class)
                .setRuntimeInit()
                .unremovable()
                .addInjectionPoint(ClassType.create(DotName.createSimple(StorageClients.class)))
                .createWith(creator);
        if (StorageConfig.DEFAULT_CLIENT_NAME.equals(name)) {
            bean.addQualifier(Default.class);
        } else {
            bean.addQualifier().annotation(StorageClientNames.QUALIFIER).addValue("value", name).done();
        }
        return bean.done();
    }
}
