package io.opengater.storage.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link FakeStorage} field of a test annotated {@link ConnectFakeStorage}: it is set to a handle on the fake that
 * the client named by {@link #client()} uses, read from its {@code base-url}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@Documented
public @interface InjectFakeStorage {

    /**
     * @return the client's name, as in {@code @StorageClientName("media")}; empty (the default) for the default
     *         client
     */
    String client() default "";
}
