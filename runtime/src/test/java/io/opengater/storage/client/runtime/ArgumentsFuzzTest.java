package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The argument checks against the rules of CONTRACT §2 and the README, written out here apart from
 * {@link Arguments}: a value is accepted exactly when the rules allow it and comes back unchanged, and a refusal is
 * an {@link IllegalArgumentException} that names the argument. Anything else escaping is a finding.
 */
class ArgumentsFuzzTest {

    /** RFC 9110's {@code tchar}, the characters of a media type's type and subtype. */
    private static final String TOKEN = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @FuzzTest
    void contentType(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        judge("contentType", isMediaType(value), value, () -> Arguments.contentType(value));
    }

    @FuzzTest
    void uploadContentType(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        judge("contentType", isMediaType(value) && isHeaderValue(value), value,
                () -> Arguments.uploadContentType(value));
    }

    @FuzzTest
    void prefix(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        judge("prefix", value.length() <= 1_024 && isClean(value), value, () -> Arguments.prefix(value));
    }

    @FuzzTest
    void keyAndPublicUrl(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        judge("key", isText(value), value, () -> Arguments.requireText("key", value));
        judge("publicUrl", isText(value), value, () -> Arguments.optionalText("publicUrl", value));
    }

    /**
     * Every check on any UTF-16 text, two bytes a code unit: the strings of {@link FuzzedDataProvider} never hold a
     * lone surrogate.
     */
    @FuzzTest
    void anyCodeUnits(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        char[] units = new char[bytes.length / 2];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) ((bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff);
        }
        String value = new String(units);
        judge("contentType", isMediaType(value), value, () -> Arguments.contentType(value));
        judge("contentType", isMediaType(value) && isHeaderValue(value), value,
                () -> Arguments.uploadContentType(value));
        judge("prefix", value.length() <= 1_024 && isClean(value), value, () -> Arguments.prefix(value));
        judge("key", isText(value), value, () -> Arguments.requireText("key", value));
    }

    private static void judge(String name, boolean allowed, String value, Supplier<String> check) {
        String accepted;
        try {
            accepted = check.get();
        } catch (IllegalArgumentException refused) {
            assertTrue(!allowed, () -> name + " refused although the rules allow " + shown(value) + ": "
                    + refused.getMessage());
            assertTrue(refused.getMessage().startsWith(name + " "), refused::getMessage);
            return;
        }
        assertTrue(allowed, () -> name + " accepted although the rules refuse " + shown(value));
        assertEquals(value, accepted);
    }

    /** No control character and no lone surrogate, which could not be sent as UTF-8. */
    private static boolean isClean(String value) {
        return value.codePoints().noneMatch(c -> Character.isISOControl(c) || c >= 0xD800 && c <= 0xDFFF);
    }

    private static boolean isText(String value) {
        return !value.isBlank() && isClean(value);
    }

    /** {@code type/subtype}, then nothing, or spaces and a {@code ;} with anything after it. */
    private static boolean isMediaType(String value) {
        if (!isText(value) || value.length() > 255) {
            return false;
        }
        int slash = value.indexOf('/');
        int end = slash + 1;
        while (end < value.length() && TOKEN.indexOf(value.charAt(end)) >= 0) {
            end++;
        }
        if (slash < 1 || end == slash + 1 || !value.substring(0, slash).chars().allMatch(c -> TOKEN.indexOf(c) >= 0)) {
            return false;
        }
        int semicolon = end;
        while (semicolon < value.length() && value.charAt(semicolon) == ' ') {
            semicolon++;
        }
        return end == value.length() || semicolon < value.length() && value.charAt(semicolon) == ';';
    }

    /** What a header value may hold: visible ASCII, spaces and tabs. */
    private static boolean isHeaderValue(String value) {
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c <= 0x7e);
    }

    private static String shown(String value) {
        StringBuilder shown = new StringBuilder("'");
        value.chars().forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
                : "\\u%04X".formatted(c)));
        return shown.append("' (").append(value.length()).append(" characters)").toString();
    }
}
