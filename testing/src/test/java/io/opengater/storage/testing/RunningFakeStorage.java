package io.opengater.storage.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fake storage on a free port for the tests of a class, emptied before each test and stopped after the last:
 * {@code @RegisterExtension static final RunningFakeStorage FAKE = new RunningFakeStorage(KEY);}
 */
final class RunningFakeStorage implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final String apiKey;
    private FakeStorageServer server;
    private FakeStorage handle;

    RunningFakeStorage(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = FakeStorageServer.start(0, apiKey);
        handle = new FakeStorage(server.baseUrl());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        handle.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    FakeStorageServer server() {
        return server;
    }

    /** The test kit's handle on it, over HTTP. */
    FakeStorage handle() {
        return handle;
    }

    String baseUrl() {
        return server.baseUrl();
    }
}
