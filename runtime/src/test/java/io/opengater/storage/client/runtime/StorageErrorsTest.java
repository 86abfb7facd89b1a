package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;
import io.vertx.core.http.HttpClosedException;

/**
 * Which failures are the service's unavailability (retried, counted by the breaker) and which are not: only the
 * absence of a usable response is.
 */
class StorageErrorsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static RuntimeException translate(Throwable failure) {
        return StorageErrors.translate(Operation.CREATE_UPLOAD, TIMEOUT, failure);
    }

    @Test
    void noUsableResponseIsUnavailability() {
        for (Throwable noResponse : List.of(new ConnectException("Connection refused"),
                new ProcessingException(new UnknownHostException("storage.invalid")),
                new SSLHandshakeException("PKIX path building failed"), new TimeoutException(),
                new java.util.concurrent.TimeoutException("idle"), new HttpClosedException("Connection was closed"),
                new IOException("Connection reset by peer"),
                new PrematureChannelClosureException("closed before the response ended"),
                new CircuitBreakerOpenException("open"))) {
            RuntimeException translated = translate(noResponse);
            assertEquals(StorageUnavailableException.class, translated.getClass(), noResponse.toString());
            assertNull(((StorageException) translated).statusCode());
        }
        assertEquals("timed out after 30s: POST /uploads",
                ((StorageException) translate(new ProcessingException(new TimeoutException()))).detail());
        assertEquals("unknown host storage.invalid: POST /uploads",
                ((StorageException) translate(new UnknownHostException("storage.invalid"))).detail());
    }

    @Test
    void aBugIsAPlainStorageExceptionWithItsCause() {
        NullPointerException bug = new NullPointerException("x is null");
        RuntimeException translated = translate(new ProcessingException(bug));

        assertEquals(StorageException.class, translated.getClass());
        StorageException failure = (StorageException) translated;
        assertNull(failure.statusCode());
        assertEquals("POST /uploads", failure.operation());
        assertEquals("unexpected failure (NullPointerException: x is null): POST /uploads",
                failure.detail());
        assertSame(bug, failure.getCause().getCause());
    }

    @Test
    void aMalformedResponseIsAPlainStorageExceptionLikeAMalformedBody() {
        for (Throwable malformed : List.of(new TooLongFrameException("HTTP header is larger than 8192 bytes"),
                new IllegalArgumentException("Validation failed for header 'Retry-After'",
                        new IllegalArgumentException("a header value contains prohibited character 0x0")))) {
            RuntimeException translated = translate(malformed);
            assertEquals(StorageException.class, translated.getClass(), malformed.toString());
            assertNull(((StorageException) translated).statusCode());
        }
    }

    @Test
    void whatTheCallersCodeThrewAndTypedFailuresPassAsTheyAre() {
        IllegalStateException thrown = new IllegalStateException();
        assertSame(thrown, translate(new ProcessingException(new CallerFailure(thrown))));
        StorageException typed = new StorageException("POST /uploads", 409, "conflict", null);
        assertSame(typed, translate(new ProcessingException(typed)));
    }

    @Test
    void theCauseLeavesOutAQuery() {
        RuntimeException translated = StorageErrors.translate(Operation.putObject(java.net.URI.create(
                "https://s3/b/k?X-Amz-Signature=SIG")), TIMEOUT,
                new IOException("reset during PUT /b/k?X-Amz-Signature=SIG"));

        assertInstanceOf(StorageUnavailableException.class, translated);
        assertEquals("java.io.IOException: reset during PUT /b/k?…", translated.getCause().toString());
        assertEquals("connection failed (IOException: reset during PUT /b/k?…): PUT https://s3/b/k",
                ((StorageException) translated).detail());
    }

    @Test
    void aResponseBecomesTheExceptionOfItsStatusForTheOperationOfTheCall() {
        RuntimeException translated = StorageErrors.translate(Operation.DELETE_OBJECT, TIMEOUT,
                new ProcessingException(new ErrorResponse(503, "busy", Duration.ofSeconds(3))));

        StorageUnavailableException unavailable = assertInstanceOf(StorageUnavailableException.class, translated);
        assertEquals("DELETE /objects", unavailable.operation());
        assertEquals(503, unavailable.statusCode());
        assertEquals("busy", unavailable.detail());
        assertEquals(Duration.ofSeconds(3), unavailable.retryAfter().orElseThrow());
        assertEquals("DELETE /objects failed with HTTP 503: busy", unavailable.getMessage());
    }

    @Test
    void aFailureWithoutResponseNamesItsOperationOnceInTheMessage() {
        StorageException failure = (StorageException) translate(new TimeoutException());

        assertEquals("timed out after 30s: POST /uploads", failure.detail());
        assertEquals("POST /uploads failed: timed out after 30s", failure.getMessage());
    }
}
