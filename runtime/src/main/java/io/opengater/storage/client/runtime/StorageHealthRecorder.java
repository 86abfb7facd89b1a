package io.opengater.storage.client.runtime;

import java.util.function.Function;

import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Makes the readiness checks of the clients. Apart from {@link StorageClientRecorder}, so that nothing the
 * application runs refers to the health API when it does not have it.
 */
@Recorder
public class StorageHealthRecorder {

    /**
     * Typed {@code Object} so that the deployment module, which makes the beans, needs no health API to compile.
     */
    public Function<SyntheticCreationalContext<Object>, Object> readinessCheck(String name) {
        return context -> new StorageHealthCheck(name, context.getInjectedReference(StorageClients.class));
    }
}
