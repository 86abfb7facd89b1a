package io.opengater.storage.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The one API key the fake accepts in {@code X-API-Key}: the one it started with, until a test rotates it, as an
 * operator rotates the real service's key; a reset brings the first one back. Never printed.
 */
final class AcceptedKey {

    private final String initial;
    private volatile String current;

    AcceptedKey(String initial) {
        this.initial = check("apiKey", initial);
        this.current = initial;
    }

    /**
     * A key the clients can send: not blank, visible ASCII only, as an HTTP header carries it. The message never
     * repeats the key.
     *
     * @throws IllegalArgumentException naming the argument otherwise
     */
    static String check(String argument, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(argument + " must hold only visible ASCII characters (clients send"
                        + " it as an HTTP header), but has another at index " + i);
            }
        }
        return key;
    }

    /** Compared in constant time, as a service compares keys. */
    boolean accepts(String key) {
        return key != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                current.getBytes(StandardCharsets.UTF_8));
    }

    String current() {
        return current;
    }

    /** From now on only {@code key} is accepted. */
    void rotate(String key) {
        current = check("apiKey", key);
    }

    /** The key it started with is accepted again. */
    void restore() {
        current = initial;
    }

    @Override
    public String toString() {
        return "AcceptedKey[***]";
    }
}
