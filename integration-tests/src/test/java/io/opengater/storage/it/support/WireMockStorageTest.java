package io.opengater.storage.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.opengater.storage.client.StorageClient;

/**
 * What the tests against {@link WireMockStorage} share: the server, the injected client, a clean server before
 * each test, and request counts.
 */
public abstract class WireMockStorageTest {

    public static final String UPLOADS = "/storage/uploads";
    public static final String OBJECTS = "/storage/objects";

    public static final String UPLOAD_JSON = """
            {"upload_url": "https://s3.example/bucket/news/articles/2f9c.png?X-Amz-Signature=abc",
             "key": "news/articles/2f9c.png",
             "public_url": "https://cdn.example/news/articles/2f9c.png"}""";

    @InjectWireMock
    protected WireMockServer wireMock;

    @Inject
    protected StorageClient storage;

    @BeforeEach
    protected void resetWireMock() {
        wireMock.resetAll();
    }

    /** How many requests, of any method, reached {@code path}. */
    protected int requestsTo(String path) {
        return wireMock.countRequestsMatching(anyRequestedFor(urlPathEqualTo(path)).build()).getCount();
    }
}
