package io.opengater.storage.it.support;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * What the tests of the packaged application against {@link WireMockStorage} share: its three services, of the default
 * client, {@code media} and {@code documents}, emptied before each test.
 */
public abstract class WireMockServices {

    @InjectWireMock
    protected WireMockServer service;

    @InjectWireMock("media")
    protected WireMockServer media;

    @InjectWireMock("documents")
    protected WireMockServer documents;

    @BeforeEach
    protected void resetServices() {
        List.of(service, media, documents).forEach(WireMockServer::resetAll);
    }
}
