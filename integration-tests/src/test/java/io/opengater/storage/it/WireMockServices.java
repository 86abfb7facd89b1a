package io.opengater.storage.it;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * What the tests of the packaged application against {@link WireMockStorage} share: its three services, of the default
 * client, {@code media} and {@code documents}, emptied before each test.
 */
abstract class WireMockServices {

    @InjectWireMock
    WireMockServer service;

    @InjectWireMock("media")
    WireMockServer media;

    @InjectWireMock("documents")
    WireMockServer documents;

    @BeforeEach
    void resetServices() {
        List.of(service, media, documents).forEach(WireMockServer::resetAll);
    }
}
