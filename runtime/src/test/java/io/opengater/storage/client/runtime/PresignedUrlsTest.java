package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What may be said of a presigned URL (never its query), and which URLs can be used for a {@code PUT}. */
class PresignedUrlsTest {

    private static final String QUERY = "X-Amz-Credential=CRED%2Fx&X-Amz-Signature=SIG&X-Amz-Security-Token=TOK";

    @Test
    void everyQueryIsLeftOut() {
        assertEquals("{\"upload_url\": \"https://s3.example/b/k.png?…\", \"key\": \"k.png\"}",
                PresignedUrls.withoutQueries("{\"upload_url\": \"https://s3.example/b/k.png?" + QUERY
                        + "\", \"key\": \"k.png\"}"));
        assertEquals("PUT /b/with space.png?… for server s3:443",
                PresignedUrls.withoutQueries("PUT /b/with space.png?" + QUERY + " for server s3:443"));
        assertEquals("<a href='http://h/p?…'>", PresignedUrls.withoutQueries("<a href='http://h/p?" + QUERY + "'>"));
    }

    @Test
    void aQuestionMarkThatStartsNoQueryStays() {
        assertEquals("what? no", PresignedUrls.withoutQueries("what? no"));
        assertNull(PresignedUrls.withoutQueries(null));
    }

    @Test
    void usableUrlsAreAbsoluteHttpOrHttpsWithAHost() {
        assertNull(PresignedUrls.problem("https://s3.example/bucket/k.png?" + QUERY));
        assertNull(PresignedUrls.problem("HTTP://127.0.0.1:9000/bucket/k"));
        for (String unusable : List.of("https://s3.example/with space.png?" + QUERY, "/bucket/k.png?" + QUERY,
                "ftp://s3.example/k?" + QUERY, "https:///k.png?" + QUERY, "mailto:someone@example.com",
                "https://s3.example/%zz?" + QUERY, "")) {
            String problem = PresignedUrls.problem(unusable);
            assertTrue(problem != null && !problem.isBlank(), unusable);
            assertFalse(problem.contains("SIG") || problem.contains("CRED") || problem.contains("TOK"), problem);
        }
    }

    @Test
    void aFailureIsCopiedOnlyWhenAMessageHoldsAQuery() {
        IOException plain = new IOException("Connection reset by peer");
        assertSame(plain, PresignedUrls.redacted(plain));

        IOException root = new IOException("reset while sending PUT /b/k?" + QUERY);
        RuntimeException failure = new RuntimeException("upload failed", root);
        Throwable copy = PresignedUrls.redacted(failure);

        assertEquals("java.lang.RuntimeException: upload failed", copy.toString());
        assertEquals("java.io.IOException: reset while sending PUT /b/k?…", copy.getCause().toString());
        assertEquals(List.of(root.getStackTrace()), List.of(copy.getCause().getStackTrace()));
        assertNull(copy.getCause().getCause());
    }

    @Test
    void eachProblemInWords() {
        assertEquals("is not a valid URL (Illegal character in path at index 23)",
                PresignedUrls.problem("https://s3.example/with space.png?" + QUERY));
        assertEquals("is not an absolute URL", PresignedUrls.problem("/bucket/k.png?" + QUERY));
        assertEquals("is not an absolute URL", PresignedUrls.problem(""));
        assertEquals("is not an http or https URL", PresignedUrls.problem("ftp://s3.example/k?" + QUERY));
        assertEquals("is not an http or https URL", PresignedUrls.problem("mailto:someone@example.com"));
        assertEquals("has no host", PresignedUrls.problem("https:///k.png?" + QUERY));
        assertEquals("has no host", PresignedUrls.problem("https://under_score/k.png?" + QUERY));
        assertEquals("has no host", PresignedUrls.problem("https:k.png"));
    }

    @Test
    void aQueryEndsWhereAUrlCannotGoOn() {
        assertEquals("a ?… b ?… c", PresignedUrls.withoutQueries("a ?x=1 b ?y=2&z=3 c"));
        assertEquals("\"/p?…\" and '/q?…'", PresignedUrls.withoutQueries("\"/p?s=1\" and '/q?t=2'"));
        assertEquals("/p?…#fragment", PresignedUrls.withoutQueries("/p?s=1#fragment"));
        assertEquals("/p?…\n/q?…", PresignedUrls.withoutQueries("/p?s=1\n/q?t=2"));
        assertEquals("/p?flag and /q?", PresignedUrls.withoutQueries("/p?flag and /q?"));
        assertEquals("no query", PresignedUrls.withoutQueries("no query"));
    }

    @Test
    void aCopyNamesEachClassAndKeepsMessagesWithoutAQuery() {
        RuntimeException failure = new RuntimeException(null, new IllegalStateException("GET /k?sig=SIG",
                new IOException((String) null)));
        Throwable copy = PresignedUrls.redacted(failure);

        assertInstanceOf(PresignedUrls.QueryLeftOut.class, copy);
        assertEquals("java.lang.RuntimeException", copy.toString());
        assertEquals("java.lang.IllegalStateException: GET /k?…", copy.getCause().toString());
        assertEquals("java.io.IOException", copy.getCause().getCause().toString());
        assertEquals(List.of(failure.getStackTrace()), List.of(copy.getStackTrace()));
        assertFalse(copy.getCause().toString().contains("SIG"));
    }

    @Test
    void aMalformedAddressOrPortIsAProblemInWords() {
        assertEquals("is not a valid URL (a malformed IP address)", PresignedUrls.problem("https://[::4444444444.1]/k"));
        assertEquals("is not a valid URL (its port is above 65535)", PresignedUrls.problem("https://s3:99999/b/k?s=1"));
    }
}
