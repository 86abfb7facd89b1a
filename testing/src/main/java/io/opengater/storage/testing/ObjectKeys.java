package io.opengater.storage.testing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** Object keys: how the service makes them, and how they appear in URLs. */
final class ObjectKeys {

    private static final Map<String, String> EXTENSIONS = Map.of("image/png", ".png", "image/jpeg", ".jpg",
            "image/gif", ".gif", "image/webp", ".webp", "image/svg+xml", ".svg", "application/pdf", ".pdf",
            "text/plain", ".txt", "application/json", ".json", "video/mp4", ".mp4");

    private ObjectKeys() {
    }

    /** A new key, {@code <prefix>/<16 hex digits><extension of the content type>}, as the service makes them. */
    static String newKey(String prefix, String contentType, SecureRandom random) {
        String trimmedPrefix = prefix.replaceAll("^/+|/+$", "");
        byte[] name = new byte[8];
        random.nextBytes(name);
        String extension = EXTENSIONS.getOrDefault(contentType.split(";")[0].strip().toLowerCase(), "");
        return (trimmedPrefix.isEmpty() ? "" : trimmedPrefix + "/") + HexFormat.of().formatHex(name) + extension;
    }

    /** Keys keep their slashes in URLs; every other reserved character is escaped. */
    static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    /** The key in {@code path}, after {@code prefix}. */
    static String fromPath(String path, String prefix) {
        return URLDecoder.decode(path.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
