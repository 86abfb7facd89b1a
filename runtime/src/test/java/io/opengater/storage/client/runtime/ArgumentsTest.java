package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The checks of CONTRACT §2 on every argument, each refusal naming the argument. */
class ArgumentsTest {

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void mediaTypesWithAndWithoutParametersAreAccepted() {
        for (String contentType : List.of("image/png", "application/vnd.api+json", "text/plain; charset=utf-8",
                "text/plain ;charset=utf-8", "multipart/form-data; boundary=\"a b\"", "x-a/b.c!#$%&'*^_`|~",
                "text/plain; title=\"caf\u00e9\"", "text/plain;\u2028x", "a/" + "b".repeat(253))) {
            assertEquals(contentType, Arguments.contentType(contentType));
        }
    }

    @Test
    void aContentTypeThatIsNotTypeSlashSubtypeIsRefused() {
        for (String contentType : List.of("image", "image/", "/png", "image /png", "image/png/x", "image/png x",
                "image/png ", "text/plain\u2028", "image/p\u00e9ng", "(image)/png", "image/png,text/plain")) {
            refused("contentType must be a media type of the form type/subtype, such as image/png, was '"
                    + contentType + "'", () -> Arguments.contentType(contentType));
        }
    }

    @Test
    void aMissingLongOrControlledContentTypeIsRefused() {
        refused("contentType must not be null", () -> Arguments.contentType(null));
        refused("contentType must not be blank", () -> Arguments.contentType(""));
        refused("contentType must not be blank", () -> Arguments.contentType(" \u2003 "));
        refused("contentType must be at most 255 characters, was 256",
                () -> Arguments.contentType("a/" + "b".repeat(254)));
        refused("contentType must not contain control characters, found U+0000 at index 9",
                () -> Arguments.contentType("image/png\u0000"));
        refused("contentType must not contain control characters, found U+0009 at index 14",
                () -> Arguments.contentType("text/plain; a=\tb"));
        refused("contentType must not contain control characters, found U+0085 at index 3",
                () -> Arguments.contentType("te/\u0085"));
        refused("contentType must be well-formed Unicode, found a lone surrogate U+D800 at index 14",
                () -> Arguments.contentType("text/plain; x=\ud800"));
    }

    @Test
    void anUploadsContentTypeMustTravelAsAHeader() {
        assertEquals("text/plain; title=\"a b\"", Arguments.uploadContentType("text/plain; title=\"a b\""));
        refused("contentType of an upload must hold only visible ASCII, spaces and tabs (it is sent as the"
                + " Content-Type header of the PUT), but has another at index 22",
                () -> Arguments.uploadContentType("text/plain; title=\"caf\u00e9\""));
        refused("contentType of an upload must hold only visible ASCII, spaces and tabs (it is sent as the"
                + " Content-Type header of the PUT), but has another at index 11",
                () -> Arguments.uploadContentType("text/plain;\u2028x"));
        refused("contentType must be a media type of the form type/subtype, such as image/png, was 'png'",
                () -> Arguments.uploadContentType("png"));
    }

    @Test
    void aPrefixIsOptionalAndAtMost1024Characters() {
        assertEquals("", Arguments.prefix(null));
        assertEquals("", Arguments.prefix(""));
        assertEquals("   ", Arguments.prefix("   "));
        assertEquals("news/\ud83d\ude00", Arguments.prefix("news/\ud83d\ude00"));
        assertEquals("p".repeat(1_024), Arguments.prefix("p".repeat(1_024)));
        refused("prefix must be at most 1024 characters, was 1025", () -> Arguments.prefix("p".repeat(1_025)));
        refused("prefix must not contain control characters, found U+000A at index 4",
                () -> Arguments.prefix("news\narticles"));
        refused("prefix must not contain control characters, found U+007F at index 0",
                () -> Arguments.prefix("\u007f"));
        refused("prefix must be well-formed Unicode, found a lone surrogate U+DC00 at index 0",
                () -> Arguments.prefix("\udc00\ud800"));
    }

    @Test
    void aKeyOrPublicUrlMustBeTextWithoutControlCharacters() {
        assertEquals("news/a.png", Arguments.requireText("key", "news/a.png"));
        refused("key must not be null", () -> Arguments.requireText("key", null));
        refused("key must not be blank", () -> Arguments.requireText("key", " \t"));
        refused("key must not contain control characters, found U+007F at index 6",
                () -> Arguments.requireText("key", "news/a\u007f.png"));
        refused("publicUrl must not contain control characters, found U+000D at index 13",
                () -> Arguments.requireText("publicUrl", "https://cdn/x\r\n"));
        refused("publicUrl must be well-formed Unicode, found a lone surrogate U+D83D at index 13",
                () -> Arguments.requireText("publicUrl", "https://cdn/x\ud83d"));
    }

    @Test
    void anOptionalArgumentMayBeLeftOutButNotBlank() {
        assertNull(Arguments.optionalText("publicUrl", null));
        assertEquals("https://cdn/x", Arguments.optionalText("publicUrl", "https://cdn/x"));
        refused("publicUrl must not be blank", () -> Arguments.optionalText("publicUrl", ""));
    }
}
