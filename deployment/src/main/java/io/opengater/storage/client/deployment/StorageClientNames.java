package io.opengater.storage.client.deployment;

import java.util.Set;
import java.util.TreeSet;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.opengater.storage.client.StorageClientName;

/**
 * The client names the application's code spells out.
 */
final class StorageClientNames {

    /** The qualifier {@code @StorageClientName}. */
    static final DotName QUALIFIER = DotName.createSimple(StorageClientName.class);

    private StorageClientNames() {
    }

    /**
     * @return every name given to {@code @StorageClientName} in the application
     */
    static Set<String> named(IndexView index) {
        Set<String> names = new TreeSet<>();
        for (AnnotationInstance qualifier : index.getAnnotations(QUALIFIER)) {
            names.add(qualifier.value().asString());
        }
        return names;
    }
}
