package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;


import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A base URL that ends with a slash ({@code http://host:port/storage/}) reaches the same paths as one without.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "path", value = "/storage/"))
class TrailingSlashTest extends WireMockStorageTest {

    @Test
    void requestsGoUnderTheBasePathOnce() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(204)));

        storage.createUpload("image/png");
        storage.deleteByKey("a.png");

        List<String> urls = wireMock.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(request -> request.getMethod() + " " + request.getUrl()).sorted().toList();
        assertEquals(List.of("DELETE /storage/objects", "POST /storage/uploads"), urls);
    }
}
