package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the client makes of a response it does not control: an error body of the service or of the storage host, and
 * a {@code Retry-After} header. None of it may throw.
 */
class StorageErrorsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The dates of the committed inputs lie around this instant, some before it and some after. */
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** CONTRACT §1: the {@code detail} of a FastAPI body, else the text trimmed and cut to 2,000 characters. */
    @FuzzTest
    void detail(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        String detail = StorageErrors.detail(JSON, body);
        if (body.isBlank()) {
            assertNull(detail);
            return;
        }
        String text = body.strip();
        JsonNode fastApi = fastApiDetail(text);
        if (fastApi != null) {
            assertEquals(fastApi.isTextual() ? fastApi.textValue() : fastApi.toString(), detail);
        } else {
            assertEquals(text.substring(0, Math.min(text.length(), 2_000)), detail);
        }
    }

    /** Whether an object with a {@code detail} field starts the text, read by a mapper of this test's own. */
    private static JsonNode fastApiDetail(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(text).get("detail");
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Any body: an S3 error document gives a detail, anything else the detail of a service body. */
    @FuzzTest
    void s3Detail(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        String detail = StorageErrors.s3Detail(JSON, body);
        int code = body.indexOf("<Code>");
        if (body.contains("<Error>") && code >= 0 && body.indexOf("</Code>", code) >= 0) {
            assertNotNull(detail);
        } else {
            assertEquals(StorageErrors.detail(JSON, body), detail);
        }
    }

    /**
     * A message escaped the ways XML allows, character by character (as itself, a named entity, a decimal or a
     * hexadecimal reference), comes back as it was.
     */
    @FuzzTest
    void s3MessageIsUnescaped(FuzzedDataProvider data) {
        String message = data.consumeString(500).strip();
        byte[] choices = data.consumeRemainingAsBytes();
        StringBuilder escaped = new StringBuilder();
        int[] codePoints = message.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            int choice = choices.length == 0 ? 0 : choices[i % choices.length] & 3;
            boolean xmlChar = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000;
            String named = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '&' -> "&amp;";
                default -> null;
            };
            if (choice == 1 && named != null) {
                escaped.append(named);
            } else if (choice == 3 && xmlChar) {
                escaped.append("&#x").append(Integer.toHexString(c)).append(';');
            } else if (choice == 2 && xmlChar || c == '<' || c == '&') {
                escaped.append("&#").append(c).append(';');
            } else {
                escaped.appendCodePoint(c);
            }
        }
        assertEquals("Code: " + message, StorageErrors.s3Detail(JSON,
                "<Error><Code>Code</Code><Message>" + escaped + "</Message></Error>"));
    }

    /** A wait is never negative; delay-seconds are read exactly; what holds no digit asks for none. */
    @FuzzTest
    void retryAfter(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();
        Duration wait = StorageErrors.retryAfter(header, NOW);
        if (wait != null) {
            assertFalse(wait.isNegative(), wait::toString);
        }
        String value = header.strip();
        if (!value.isEmpty() && value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            assertEquals(Duration.ofSeconds(Long.parseLong(value)), wait);
        }
        if (value.chars().noneMatch(Character::isDigit)) {
            assertNull(wait);
        }
    }
}
