package io.opengater.storage.client.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Content-MD5} of an upload's body: the base64 of its 16-byte MD5 digest (RFC 1864), which S3 checks
 * against the bytes it received. A file is read in chunks, so that its size does not matter to the heap; the caller
 * decides the thread, as this blocks for as long as the read takes.
 */
final class ContentMd5 {

    /** Large enough that the read costs little beside the digest, small enough for a 128 MiB heap. */
    private static final int READ_CHUNK = 256 * 1024;

    private ContentMd5() {
    }

    static String of(byte[] bytes) {
        return Base64.getEncoder().encodeToString(md5().digest(bytes));
    }

    /**
     * The MD5 of the first {@code length} bytes of {@code file}, the bytes its {@code PUT} sends.
     *
     * @throws UncheckedIOException when the file cannot be read or now holds fewer bytes
     */
    static String of(Path file, long length) {
        MessageDigest md5 = md5();
        byte[] chunk = new byte[(int) Math.min(READ_CHUNK, Math.max(1, length))];
        try (InputStream in = Files.newInputStream(file)) {
            long remaining = length;
            while (remaining > 0) {
                int read = in.read(chunk, 0, (int) Math.min(chunk.length, remaining));
                if (read < 0) {
                    throw new EOFException("the file ended after " + (length - remaining) + " of " + length
                            + " bytes");
                }
                md5.update(chunk, 0, read);
                remaining -= read;
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot upload " + file + ": reading it for its MD5 failed: "
                    + unreadable.getMessage(), unreadable);
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
