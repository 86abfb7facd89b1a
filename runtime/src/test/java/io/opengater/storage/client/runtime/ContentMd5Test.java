package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code Content-MD5} of a body: RFC 1864's base64 of the digest, of exactly the bytes the PUT sends. */
class ContentMd5Test {

    @TempDir
    Path directory;

    @Test
    void knownDigests() {
        // RFC 1321's test suite, in base64
        assertEquals("1B2M2Y8AsgTpgAmY7PhCfg==", ContentMd5.of(new byte[0]));
        assertEquals("kAFQmDzST7DWlj99KOF/cg==", ContentMd5.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("XrY7u+Ae7tCTyyK7j1rNww==", ContentMd5.of("hello world".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aFileLargerThanOneReadHasTheDigestOfAllItsBytes() throws Exception {
        byte[] bytes = new byte[3 * 256 * 1024 + 5];
        new Random(1).nextBytes(bytes);
        Path file = Files.write(directory.resolve("large.bin"), bytes);

        assertEquals(expected(bytes), ContentMd5.of(file, bytes.length));
        assertEquals(ContentMd5.of(bytes), ContentMd5.of(file, bytes.length));
    }

    @Test
    void onlyTheBytesThePutSendsAreHashed() throws Exception {
        byte[] bytes = new byte[1000];
        new Random(2).nextBytes(bytes);
        Path file = Files.write(directory.resolve("grown.bin"), bytes);

        assertEquals(expected(Arrays.copyOf(bytes, 600)), ContentMd5.of(file, 600));
        assertEquals("1B2M2Y8AsgTpgAmY7PhCfg==", ContentMd5.of(file, 0));
    }

    @Test
    void aFileShorterThanItsSizeFails() throws Exception {
        Path file = Files.write(directory.resolve("shrunk.bin"), new byte[10]);

        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> ContentMd5.of(file, 20));

        assertTrue(failure.getMessage().contains("shrunk.bin"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("the file ended after 10 of 20 bytes"), failure.getMessage());
    }

    @Test
    void aMissingFileFails() {
        assertThrows(UncheckedIOException.class, () -> ContentMd5.of(directory.resolve("gone.bin"), 1));
    }

    private static String expected(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
