package io.opengater.storage.client.runtime;

import java.util.regex.Pattern;

/**
 * The checks every public method makes on its arguments before anything is sent.
 */
final class Arguments {

    static final int MAX_CONTENT_TYPE_LENGTH = 255;
    static final int MAX_PREFIX_LENGTH = 1_024;

    /**
     * {@code type/subtype} in RFC 9110 token characters, then optional parameters: anything after a {@code ;}, line
     * separators (U+2028, U+2029) too, which the contract does not refuse ({@code DOTALL}).
     */
    private static final Pattern MEDIA_TYPE = Pattern
            .compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?", Pattern.DOTALL);

    private Arguments() {
    }

    static String contentType(String contentType) {
        requireText("contentType", contentType);
        if (contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw new IllegalArgumentException("contentType must be at most " + MAX_CONTENT_TYPE_LENGTH
                    + " characters, was " + contentType.length());
        }
        if (!MEDIA_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException(
                    "contentType must be a media type of the form type/subtype, such as image/png, was '" + contentType
                            + "'");
        }
        return contentType;
    }

    /**
     * The content type of an upload, which also travels as the {@code Content-Type} header of the {@code PUT}, part of
     * the signature: an HTTP header carries visible ASCII, space and tab only, so anything else could not arrive as
     * it was signed.
     */
    static String uploadContentType(String contentType) {
        contentType(contentType);
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("contentType of an upload must hold only visible ASCII, spaces and"
                        + " tabs (it is sent as the Content-Type header of the PUT), but has another at index " + i);
            }
        }
        return contentType;
    }

    /** @return the prefix, {@code ""} for {@code null} */
    static String prefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException(
                    "prefix must be at most " + MAX_PREFIX_LENGTH + " characters, was " + prefix.length());
        }
        requireNoControlCharacter("prefix", prefix);
        return prefix;
    }

    /** For an argument that may be left out: {@code null} stays {@code null}, anything else must be text. */
    static String optionalText(String name, String value) {
        if (value != null) {
            requireText(name, value);
        }
        return value;
    }

    static String requireText(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        requireNoControlCharacter(name, value);
        return value;
    }

    /**
     * No control character, and well-formed UTF-16: a lone surrogate cannot be written as UTF-8, so the JSON body
     * would carry another character than the caller gave (the fuzz tests found that).
     */
    private static void requireNoControlCharacter(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        name + " must not contain control characters, found U+%04X at index %d".formatted((int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one character beyond the BMP
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        name + " must be well-formed Unicode, found a lone surrogate U+%04X at index %d"
                                .formatted((int) c, i));
            }
        }
    }
}
