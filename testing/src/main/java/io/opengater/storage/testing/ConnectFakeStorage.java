package io.opengater.storage.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Connects a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} to the fake opengater-storage its application
 * uses, the one Dev Services started or one a test resource such as {@link FakeStorageResource} started: every field
 * annotated {@link InjectFakeStorage} gets a {@link FakeStorage} handle on it. The application runs in another
 * process in an integration test, so the handle is what the test reads the stored objects and requests through.
 *
 * <pre>
 * &#64;QuarkusIntegrationTest
 * &#64;ConnectFakeStorage
 * class AvatarServiceIT {
 *     &#64;InjectFakeStorage
 *     FakeStorage storage;
 *
 *     &#64;InjectFakeStorage(client = "media")
 *     FakeStorage media;
 *     ...
 * }
 * </pre>
 *
 * @see FakeStorageConnector
 */
@WithTestResource(value = FakeStorageConnector.class, scope = TestResourceScope.MATCHING_RESOURCES)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface ConnectFakeStorage {
}
