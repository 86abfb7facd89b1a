package io.opengater.storage.client.deployment;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.runtime.CreateUploadRequest;
import io.opengater.storage.client.runtime.DeleteObjectRequest;
import io.opengater.storage.client.runtime.StorageClientRecorder;
import io.opengater.storage.client.runtime.StorageClients;
import io.opengater.storage.client.runtime.StorageConfig;
import io.opengater.storage.client.runtime.UploadResponse;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * The client's feature, beans and native registrations.
 */
class StorageClientProcessor {

    static final String FEATURE = "opengater-storage-client";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem clientHolder() {
        return AdditionalBeanBuildItem.unremovableOf(StorageClients.class);
    }

    /**
     * The bodies are read and written by Jackson through their record components; the REST client registers the
     * request bodies itself, but the answer is read from a raw {@code Response}, which it cannot see.
     */
    @BuildStep
    ReflectiveClassBuildItem bodies() {
        return ReflectiveClassBuildItem.builder(CreateUploadRequest.class, DeleteObjectRequest.class,
                UploadResponse.class)
                .constructors().methods().fields()
                .reason(getClass().getName())
                .build();
    }

    /**
     * Both facades of the default client, created at start so that a missing or invalid {@code base-url} or
     * {@code api-key} stops the application with a message naming the property.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void defaultClientBeans(StorageClientRecorder recorder, BuildProducer<SyntheticBeanBuildItem> beans) {
        String name = StorageConfig.DEFAULT_CLIENT_NAME;
        beans.produce(clientBean(StorageClient.class, recorder.blockingClient(name)));
        beans.produce(clientBean(ReactiveStorageClient.class, recorder.reactiveClient(name)));
    }

    private static <T> SyntheticBeanBuildItem clientBean(Class<T> type,
            Function<SyntheticCreationalContext<T>, T> creator) {
        return SyntheticBeanBuildItem.configure(type)
                .scope(ApplicationScoped.class)
                .addQualifier(Default.class)
                .setRuntimeInit()
                .unremovable()
                .startup()
                .addInjectionPoint(ClassType.create(DotName.createSimple(StorageClients.class)))
                .createWith(creator)
                .done();
    }
}
