package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.UploadResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code quarkus-opentelemetry}, a call is a span, each attempt a span under it, and the REST client's own span
 * hangs under its attempt; no span carries the key. Spans are read from the SDK's in-memory exporter.
 */
class TracingTest extends EmbeddedStorageTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, InMemoryExporter.class))
            .overrideConfigKey("quarkus.opengater-storage.retry.delay", "10MS")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10MS");

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    StorageClient storage;

    @BeforeEach
    void resetExporter() {
        exporter.reset();
    }

    @Test
    void aRetriedCallIsOneSpanWithASpanPerAttempt() {
        fake.failNext("/uploads", 503, 1);

        storage.createUpload("image/png", "traced");

        SpanData call = awaitSpan("opengater-storage create-upload");
        SpanData first = awaitSpan("opengater-storage create-upload attempt 1");
        SpanData second = awaitSpan("opengater-storage create-upload attempt 2");
        assertEquals(StatusCode.UNSET, call.getStatus().getStatusCode());
        assertEquals("<default>", call.getAttributes().get(AttributeKey.stringKey("opengater.storage.client")));
        assertEquals("create-upload", call.getAttributes().get(AttributeKey.stringKey("opengater.storage.operation")));
        for (SpanData attempt : List.of(first, second)) {
            assertEquals(call.getSpanId(), attempt.getParentSpanId());
            assertEquals(call.getTraceId(), attempt.getTraceId());
        }
        assertEquals(1L, first.getAttributes().get(AttributeKey.longKey("opengater.storage.attempt")));
        assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
        assertEquals(503L, first.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("StorageUnavailableException", first.getAttributes().get(AttributeKey.stringKey("error.type")));
        assertEquals(StatusCode.UNSET, second.getStatus().getStatusCode());

        // the REST client's own spans, one per request, each under its attempt
        Set<String> attemptIds = Set.of(first.getSpanId(), second.getSpanId());
        List<SpanData> requests = awaitSpans(span -> span.getKind() == SpanKind.CLIENT
                && call.getTraceId().equals(span.getTraceId()), 2);
        assertEquals(attemptIds, requests.stream().map(SpanData::getParentSpanId).collect(Collectors.toSet()));
    }

    @Test
    void aFailedCallIsAnErrorSpan() {
        try (StorageClient wrongKey = StorageClient.builder().baseUrl(baseUrl).apiKey("not-the-key").build()) {
            assertThrows(StorageAuthException.class, () -> wrongKey.createUpload("image/png"));
        }

        SpanData call = awaitSpan("opengater-storage create-upload");
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
        assertEquals("StorageAuthException", call.getAttributes().get(AttributeKey.stringKey("error.type")));
        assertEquals(403L, call.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("<built>", call.getAttributes().get(AttributeKey.stringKey("opengater.storage.client")));
    }

    @Test
    void noSpanCarriesTheKey() {
        fake.failNext("/uploads", 503, 1);
        storage.createUpload("image/png"); // retried once
        assertThrows(StorageNotFoundException.class, () -> storage.deleteByKey("no/such/key.png"));
        awaitSpan("opengater-storage create-upload attempt 2");
        SpanData failed = awaitSpan("opengater-storage delete-object");
        assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());

        for (SpanData span : exporter.getFinishedSpanItems()) {
            String everything = span.toString();
            assertFalse(everything.contains(apiKey), everything);
            assertFalse(everything.toLowerCase(Locale.ROOT).contains("x-api-key"), everything);
        }
    }

    @Test
    void noSpanCarriesThePresignedQueryOfARetriedUpload() {
        fake.failNext("/bucket/", 503, 1);

        UploadResult upload = storage.upload(new byte[] { 1, 2, 3 }, "image/png", "traced");

        SpanData failed = awaitSpan("opengater-storage put-object attempt 1");
        assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
        awaitSpan("opengater-storage put-object attempt 2");
        String query = upload.uploadUrl().substring(upload.uploadUrl().indexOf('?') + 1);
        List<String> parameters = Arrays.stream(query.split("&")).map(p -> p.substring(p.indexOf('=') + 1)).toList();
        assertEquals(2, parameters.size(), query);
        for (SpanData span : exporter.getFinishedSpanItems()) {
            String everything = span.toString();
            for (String parameter : parameters) {
                assertFalse(everything.contains(parameter), everything);
            }
        }
    }

    private SpanData awaitSpan(String name) {
        return awaitSpans(span -> span.getName().equals(name), 1).get(0);
    }

    private List<SpanData> awaitSpans(java.util.function.Predicate<SpanData> wanted, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SpanData> found;
        do {
            found = exporter.getFinishedSpanItems().stream().filter(wanted).toList();
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " spans, got " + found + " among "
                + exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    /** The SDK's in-memory exporter, as a bean: Quarkus exports spans to every {@code SpanExporter} bean. */
    static class InMemoryExporter {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }
}
