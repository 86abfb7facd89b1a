package io.opengater.storage.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the test field that receives one of the {@link WireMockStorage} servers.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectWireMock {

    /**
     * @return the client whose server to inject: {@code ""} for the default client, or a client name
     */
    String value() default "";
}
