package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.StorageUnavailableException;
import io.vertx.core.http.HttpClosedException;

/**
 * The error table of CONTRACT §1: which exception a status is, what its detail says, what a {@code Retry-After}
 * asks for, and which failures are the service's unavailability (retried, counted by the breaker): only the absence
 * of a usable response is.
 */
class StorageErrorsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

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

    @Test
    void theDetailOfAFastApiBodyIsItsDetailString() {
        assertEquals("Invalid API key", StorageErrors.detail(JSON, "{\"detail\": \"Invalid API key\"}"));
        assertEquals("  spaced  ", StorageErrors.detail(JSON, " {\"detail\":\"  spaced  \"} \n"));
        assertEquals("x".repeat(3_000), StorageErrors.detail(JSON, "{\"detail\":\"" + "x".repeat(3_000) + "\"}"));
    }

    @Test
    void aDetailThatIsNotAStringIsItsCompactJson() {
        assertEquals("[{\"loc\":[\"body\",\"content_type\"],\"msg\":\"field required\","
                + "\"type\":\"value_error.missing\"}]", StorageErrors.detail(JSON, "{\"detail\": [{\"loc\":"
                        + " [\"body\", \"content_type\"], \"msg\": \"field required\", \"type\":"
                        + " \"value_error.missing\"}]}"));
        assertEquals("{\"code\":7}", StorageErrors.detail(JSON, "{\"detail\": {\"code\": 7}}"));
        assertEquals("42", StorageErrors.detail(JSON, "{\"detail\": 42}"));
        assertEquals("null", StorageErrors.detail(JSON, "{\"detail\": null}"));
    }

    @Test
    void aBodyThatIsNoFastApiErrorIsItsTextTrimmedAndCut() {
        assertEquals("<html>502 Bad Gateway</html>",
                StorageErrors.detail(JSON, "\n  <html>502 Bad Gateway</html>\r\n"));
        assertEquals("{\"message\": \"no detail\"}", StorageErrors.detail(JSON, "{\"message\": \"no detail\"}"));
        assertEquals("{\"detail\": \"unterminated", StorageErrors.detail(JSON, "{\"detail\": \"unterminated "));
        assertEquals("[{\"detail\": \"in an array\"}]", StorageErrors.detail(JSON, "[{\"detail\": \"in an array\"}]"));
        assertEquals("y".repeat(2_000), StorageErrors.detail(JSON, "  " + "y".repeat(5_000)));
        assertEquals("z".repeat(2_000), StorageErrors.detail(JSON, "z".repeat(2_000)));
    }

    @Test
    void noBodyHasNoDetail() {
        assertNull(StorageErrors.detail(JSON, null));
        assertNull(StorageErrors.detail(JSON, ""));
        assertNull(StorageErrors.detail(JSON, " \r\n\t"));
    }

    @Test
    void eachStatusIsTheExceptionOfTheTable() {
        assertEquals(StorageBadRequestException.class, forStatus(400));
        assertEquals(StorageAuthException.class, forStatus(401));
        assertEquals(StorageAuthException.class, forStatus(403));
        assertEquals(StorageNotFoundException.class, forStatus(404));
        for (int status : new int[] { 429, 500, 502, 503, 504, 599 }) {
            assertEquals(StorageUnavailableException.class, forStatus(status), "HTTP " + status);
        }
        for (int status : new int[] { 302, 402, 405, 409, 418, 422, 499 }) {
            assertEquals(StorageException.class, forStatus(status), "HTTP " + status);
        }
    }

    private static Class<?> forStatus(int status) {
        StorageException failure = StorageErrors.forStatus("POST /uploads", status, "d", null);
        assertEquals(status, failure.statusCode());
        return failure.getClass();
    }

    @Test
    void theExceptionCarriesOperationStatusDetailAndRetryAfter() {
        StorageException auth = StorageErrors.forStatus("POST /uploads", 401, "Invalid API key", null);
        assertEquals("POST /uploads", auth.operation());
        assertEquals(401, auth.statusCode());
        assertEquals("Invalid API key", auth.detail());
        assertEquals("POST /uploads failed with HTTP 401: Invalid API key", auth.getMessage());

        StorageUnavailableException busy = (StorageUnavailableException) StorageErrors.forStatus("DELETE /objects", 503,
                null, Duration.ofSeconds(7));
        assertEquals(503, busy.statusCode());
        assertNull(busy.detail());
        assertEquals(Optional.of(Duration.ofSeconds(7)), busy.retryAfter());
        assertEquals("DELETE /objects failed with HTTP 503", busy.getMessage());
        assertEquals(Optional.empty(),
                ((StorageUnavailableException) StorageErrors.forStatus("POST /uploads", 429, "slow down", null))
                        .retryAfter());
    }

    @Test
    void anS3ErrorIsCodeColonMessage() {
        assertEquals("SignatureDoesNotMatch: The request signature we calculated does not match the signature you"
                + " provided.", StorageErrors.s3Detail(JSON, """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Error>
                          <Code>SignatureDoesNotMatch</Code>
                          <Message>The request signature we calculated does not match the signature you \
                        provided.</Message>
                          <RequestId>4442587FB7D0A2F9</RequestId>
                        </Error>"""));
        assertEquals("AccessDenied", StorageErrors.s3Detail(JSON, "<Error><Code> AccessDenied </Code></Error>"));
    }

    @Test
    void anS3ErrorsNamedEntitiesAreDecodedOnce() {
        assertEquals("InvalidArgument: a <b> \"c\" 'd' & &lt;", StorageErrors.s3Detail(JSON,
                "<Error><Code>InvalidArgument</Code><Message>a &lt;b&gt; &quot;c&quot; &apos;d&apos; &amp; &amp;lt;"
                        + "</Message></Error>"));
    }

    @Test
    void anS3ErrorsNumericCharacterReferencesAreDecoded() {
        assertEquals("A<B: x <y> \u00e9 \ud83d\ude00 &#60;", StorageErrors.s3Detail(JSON,
                "<Error><Code>A&#60;B</Code><Message>x &#x3C;y&#x3e; &#233; &#x1F600; &amp;#60;</Message></Error>"));
        assertEquals("<", StorageErrors.s3Detail(JSON, "<Error><Code>&#0060;</Code></Error>"));
    }

    @Test
    void whatIsNoXmlCharacterReferenceStaysAsItIs() {
        assertEquals("C: &#0; &#xD800; &#x110000; &#X3C; &#; &#x; &#12a; &unknown; &lt", StorageErrors.s3Detail(JSON,
                "<Error><Code>C</Code><Message>&#0; &#xD800; &#x110000; &#X3C; &#; &#x; &#12a; &unknown; &lt"
                        + "</Message></Error>"));
    }

    @Test
    void aBodyThatIsNoS3ErrorIsReadLikeAServiceBody() {
        assertEquals("Forbidden", StorageErrors.s3Detail(JSON, "{\"detail\": \"Forbidden\"}"));
        assertEquals("<Code>X</Code> without an Error element",
                StorageErrors.s3Detail(JSON, "<Code>X</Code> without an Error element"));
        assertEquals("<Error><Message>no code</Message></Error>",
                StorageErrors.s3Detail(JSON, "<Error><Message>no code</Message></Error>"));
        assertNull(StorageErrors.s3Detail(JSON, null));
        assertNull(StorageErrors.s3Detail(JSON, "  "));
    }

    @Test
    void retryAfterInSeconds() {
        assertEquals(Duration.ofSeconds(120), StorageErrors.retryAfter("120", NOW));
        assertEquals(Duration.ofSeconds(7), StorageErrors.retryAfter(" 7 ", NOW));
        assertEquals(Duration.ZERO, StorageErrors.retryAfter("0", NOW));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(90), StorageErrors.retryAfter("Wed, 21 Oct 2015 07:29:30 GMT", NOW));
        assertEquals(Duration.ZERO, StorageErrors.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW));
        assertEquals(Duration.ZERO, StorageErrors.retryAfter("Tue, 20 Oct 2015 07:28:00 GMT", NOW));
    }

    @Test
    void aRetryAfterThatCannotBeReadIsNone() {
        for (String header : List.of("-1", "1.5", "soon", "0x10", "99999999999999999999",
                "Thu, 21 Oct 2015 07:29:30 GMT", "2015-10-21T07:29:30Z", "", " ")) {
            assertNull(StorageErrors.retryAfter(header, NOW), header);
        }
        assertNull(StorageErrors.retryAfter(null, NOW));
    }

    @Test
    void retryAfterAsAnRfc850OrAsctimeDate() {
        assertEquals(Duration.ofSeconds(90), StorageErrors.retryAfter("Wednesday, 21-Oct-15 07:29:30 GMT", NOW));
        assertEquals(Duration.ofSeconds(90), StorageErrors.retryAfter("Wed Oct 21 07:29:30 2015", NOW));
        assertEquals(Duration.ZERO, StorageErrors.retryAfter("Sun Nov  6 08:49:37 1994", NOW));
        assertNull(StorageErrors.retryAfter("Thursday, 21-Oct-15 07:29:30 GMT", NOW));
    }

    @Test
    void aCutDetailNeverEndsInHalfACharacter() {
        String detail = StorageErrors.detail(JSON, "x".repeat(1_999) + "\ud83d\ude00" + "y".repeat(10));

        assertEquals("x".repeat(1_999), detail);
    }

    @Test
    void anS3ErrorsDetailIsCutLikeAnyOther() {
        String detail = StorageErrors.s3Detail(JSON, "<Error><Code>C</Code><Message>" + "m".repeat(70_000)
                + "</Message></Error>");

        assertEquals(2_000, detail.length());
        assertEquals("C: mmm", detail.substring(0, 6));
    }

    @Test
    void aRetryAfterOfYearsWaitsTheLongestDelay() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));
        StorageUnavailableException busy = new StorageUnavailableException("POST /uploads", 503, null,
                StorageErrors.retryAfter("9223372036854776", NOW), null);

        assertEquals(5_000, backoff.nextDelayInMillis(busy));
    }
}
