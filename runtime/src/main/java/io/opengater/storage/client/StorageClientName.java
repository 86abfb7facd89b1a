package io.opengater.storage.client;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Selects a named client, configured under {@code quarkus.opengater-storage."name".*}:
 *
 * <pre>
 * &#64;Inject
 * &#64;StorageClientName("media")
 * StorageClient media;
 * </pre>
 *
 * Without this qualifier, the default client is injected (the properties without a name).
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, METHOD, TYPE })
public @interface StorageClientName {

    /**
     * @return the client's name, as in {@code quarkus.opengater-storage."media".base-url}
     */
    String value();

    /**
     * The qualifier as a value, for programmatic lookups such as
     * {@code clients.select(StorageClientName.Literal.of("media"))}.
     */
    final class Literal extends AnnotationLiteral<StorageClientName> implements StorageClientName {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * @param value the client's name
         * @return the qualifier selecting that client
         */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
