package io.opengater.storage.it.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.opengater.storage.client.UploadResult;

/**
 * Random inputs for the fuzz tests, from one seeded {@link SplittableRandom}: the same seed gives the same inputs in
 * the same order. The seed is {@link #DEFAULT_SEED} unless {@code -Dfuzz.seed=<n>} replays another run or
 * {@code -Dfuzz.seed=random} draws a new one; it is printed as {@code FUZZ seed N (replay with -Dfuzz.seed=N)}.
 * <p>
 * The texts mix well-shaped values with what breaks them: any UTF-16 code unit (control characters and lone
 * surrogates included) and any code point beyond the BMP, white space of every kind, one hostile character put into
 * a well-shaped value, and long values up to 100,000 characters, some just at the contract's limits.
 */
public final class FuzzInputs {

    public static final long DEFAULT_SEED = 20261125L;

    /** Control characters (C0, DEL, C1), white space of every kind, format characters, lone surrogate halves. */
    private static final String HOSTILE = "\u0000\u0001\t\n\u000b\f\r\u001b\u001f\u007f\u0085\u009f"
            + " \u00a0\u1680\u2000\u2007\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
            + "\ud800\udbff\udc00\udfff";

    /** The characters a header value may hold apart from spaces and tabs (RFC 9110's VCHAR). */
    private static final String VISIBLE_ASCII = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    public final long seed;
    private final RandomGenerator random;

    private FuzzInputs(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The inputs of {@code -Dfuzz.seed}, with the seed printed. */
    public static FuzzInputs fromSeedProperty() {
        String property = System.getProperty("fuzz.seed", Long.toString(DEFAULT_SEED));
        long seed = "random".equals(property) ? new SplittableRandom().nextLong() : Long.parseLong(property);
        System.out.println("FUZZ seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        return new FuzzInputs(seed);
    }

    /** Whether these are the inputs every build tries, for which the tests know the exact counts. */
    public boolean defaultSeed() {
        return seed == DEFAULT_SEED;
    }

    /** A number from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** {@code null} with the given probability, else a value of the generator. */
    public <T> T orNull(double probability, Supplier<T> generator) {
        return chance(probability) ? null : generator.get();
    }

    /**
     * Mostly a well-shaped value, else a hostile one: 5 in 11 the well-shaped value, 2 in 11 the same with one
     * hostile character put in, 2 in 11 {@link #anyText}, 1 in 11 only hostile characters (white space, control
     * characters...), 1 in 11 a long value of letters ({@link #longText}).
     */
    public String text(Supplier<String> wellShaped) {
        int roll = between(1, 11);
        if (roll <= 5) {
            return wellShaped.get();
        }
        if (roll <= 7) {
            StringBuilder value = new StringBuilder(wellShaped.get());
            return value.insert(between(0, value.length()), hostileCharacter()).toString();
        }
        if (roll <= 9) {
            return anyText(30);
        }
        if (roll == 10) {
            return hostileText(5);
        }
        return longText();
    }

    /**
     * Up to {@code maxLength} code points, each any UTF-16 code unit (lone surrogates, control characters, private
     * use and unassigned ones included) or, one in four, any code point beyond the BMP.
     */
    public String anyText(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = between(0, maxLength); i > 0; i--) {
            text.appendCodePoint(chance(0.25) ? between(0x1_0000, 0x10_FFFF) : between(0, 0xFFFF));
        }
        return text.toString();
    }

    /** Up to {@code maxLength} characters, each a control character, white space or a lone surrogate half. */
    public String hostileText(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = between(0, maxLength); i > 0; i--) {
            text.append(hostileCharacter());
        }
        return text.toString();
    }

    public char hostileCharacter() {
        return HOSTILE.charAt(random.nextInt(HOSTILE.length()));
    }

    /**
     * Lower-case letters, half the time of a length at one of the contract's limits (255 for a content type, 1,024
     * for a prefix, one below or above), else from 200 to 100,000 characters.
     */
    public String longText() {
        int length = chance(0.5) ? oneOf(254, 255, 256, 1_023, 1_024, 1_025) : between(200, 100_000);
        return letters("abcdefghijklmnopqrstuvwxyz", length, length);
    }

    /** From {@code min} to {@code max} characters, each one of {@code alphabet}. */
    public String letters(String alphabet, int min, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = between(min, max); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * Near-valid media types: {@code type/subtype} of up to 12 characters each, mostly token characters with now and
     * then one that is not, then no parameters, a well-formed one, or a strange one; one in ten is as long as the
     * 255-character limit, give or take one.
     */
    public String mediaType() {
        String tokenish = "abcdefghijklmnopqrstuvwxyzABCXYZ0129+-.!#$&^_|~" + (chance(0.1) ? " /@,;=\u00e9\"" : "");
        String type = letters(tokenish, 0, 12);
        String subtype = letters(tokenish, 0, 12);
        String parameters = oneOf("", "", "; charset=utf-8", ";charset=UTF-8", " ; q=0.5", ";", "; q",
                "; name=\"a b\"", "; \u00e9=\u00fc", "; \u2028", "; x=\ud83d\ude00", " ", ";;", "/extra");
        if (chance(0.1)) {
            subtype += "x".repeat(Math.max(0, between(254, 256) - type.length()
                    - subtype.length() - 1 - parameters.length()));
        }
        return type + (chance(0.95) ? "/" : "") + subtype + parameters;
    }

    /**
     * A response of the service: its status, its {@code Content-Type} and {@code Retry-After} headers ({@code null}:
     * not sent), and its body.
     */
    public record ServiceResponse(int status, String contentType, String retryAfter, Body body) {

        @Override
        public String toString() {
            return status + " Content-Type=" + printable(contentType) + " Retry-After=" + printable(retryAfter)
                    + " body=" + printable(new String(body.bytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * A status from 200 to 599: 3 in 10 a success of the contract (200, 201), 3 in 10 another status that the
     * contract names or a client must know (a success without a body, redirects, each error of the contract's table),
     * 4 in 10 any; a {@code Content-Type}: half the time the service's own ({@code application/json}, with or without
     * a charset), 3 in 10 another, JSON or not, or a malformed one, 2 in 10 none; a {@code Retry-After} of any shape
     * that is a valid HTTP header value (visible ASCII, spaces and tabs: the invalid ones are tested on their own), or
     * none 6 in 10; and one of {@link #body()}.
     */
    public ServiceResponse serviceResponse() {
        int roll = between(1, 10);
        int status = roll <= 3 ? oneOf(200, 201)
                : roll <= 6 ? oneOf(202, 204, 205, 206, 301, 302, 304, 307, 400, 401, 403, 404, 405, 409, 422, 429, 500,
                        502, 503, 504)
                        : between(200, 599);
        roll = between(1, 10);
        String contentType = roll <= 5 ? oneOf("application/json", "application/json; charset=utf-8")
                : roll <= 8 ? oneOf("application/JSON", "application/problem+json", "text/json", "text/plain",
                        "text/html", "application/xml", "application/octet-stream", "nonsense/", "*/*")
                        : null;
        String retryAfter = orNull(0.6, () -> chance(0.5)
                ? oneOf("0", "1", "-1", "120", "1.5", " 2 ", "+1", "0x10", "", "soon", "99999999999999999999",
                        "Wed, 21 Oct 2015 07:28:00 GMT", "Sun, 06 Nov 2094 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT")
                : letters(VISIBLE_ASCII + " \t", 0, 20));
        return new ServiceResponse(status, contentType, retryAfter, body());
    }

    /**
     * A body, and {@code upload}: what it says when it is a well-formed response to {@code POST /uploads} (a JSON
     * object whose {@code upload_url}, {@code key} and {@code public_url} are strings, the first an absolute
     * {@code http} or {@code https} URL with a host), else {@code null}.
     */
    public record Body(byte[] bytes, UploadResult upload) {
    }

    /**
     * A body and, when it is a well-formed response to {@code POST /uploads}, the {@link UploadResult} it gives:
     * 6 in 16 well-formed (an absolute URL of varied shape, and a key and public URL from {@link #text}, so any
     * Unicode, in JSON escapes where needed, sometimes with fields the contract does not know), 3 in 16 three fields of
     * which {@code upload_url} is no absolute {@code http}/{@code https} URL with a host, 2 in 16 one field missing,
     * 2 in 16 one field {@code null}, an array or an object, 1 in 16 another JSON value, a FastAPI error or no body,
     * 1 in 16 random text, 1 in 16 random bytes.
     */
    public Body body() {
        String key = text(() -> letters("abcdefghijklmnopqrstuvwxyz/.-", 1, 40));
        String publicUrl = text(() -> "https://cdn.example/" + letters("abcdefghijklmnopqrstuvwxyz/.-", 1, 40));
        String extra = chance(0.3) ? ",\"size\":12,\"extra\":[1,{\"x\":null}]" : "";
        int roll = between(1, 16);
        if (roll <= 6) {
            String uploadUrl = oneOf("https://s3.example/bucket/", "http://127.0.0.1:9000/b/", "HTTPS://S3.Example/",
                    "https://[::1]:8443/b/", "http://s3.eu-west-1.amazonaws.com/bucket/")
                    + letters("abcxyz0189/-._~", 0, 30)
                    + oneOf("", "?X-Amz-Signature=" + letters("0123456789abcdef", 64, 64), "?a=1&b=", "#part");
            return new Body(threeFields(uploadUrl, key, publicUrl, extra), new UploadResult(uploadUrl, key, publicUrl));
        }
        if (roll <= 9) {
            String uploadUrl = chance(0.7) ? oneOf("", " ", "/bucket/k.png", "bucket/k.png", "ftp://s3.example/k",
                    "mailto:a@s3.example", "https:///k", "http://", "https://exa mple/k", "file:///etc/passwd",
                    "s3://bucket/k", "https//s3.example/k", "://s3.example/k") : "/" + anyText(30);
            return new Body(threeFields(uploadUrl, key, publicUrl, extra), null);
        }
        List<String> fields = List.of("\"upload_url\":\"https://s3.example/b/k?X-Amz-Signature=abc\"",
                "\"key\":" + quote(key), "\"public_url\":" + quote(publicUrl));
        if (roll <= 11) {
            int left = random.nextInt(3);
            StringBuilder object = new StringBuilder("{");
            for (int i = 0; i < 3; i++) {
                if (i != left) {
                    object.append(object.length() > 1 ? "," : "").append(fields.get(i));
                }
            }
            return new Body(json(object.append("}").toString()), null);
        }
        if (roll <= 13) {
            int wrong = random.nextInt(3);
            StringBuilder object = new StringBuilder("{");
            for (int i = 0; i < 3; i++) {
                String field = fields.get(i);
                object.append(i > 0 ? "," : "").append(i != wrong ? field
                        : field.substring(0, field.indexOf(':') + 1) + oneOf("null", "[]", "{}", "[\"a\"]", "{\"a\":\"b\"}"));
            }
            return new Body(json(object.append("}").toString()), null);
        }
        if (roll == 14) {
            return new Body(json(oneOf("[]", "null", "\"text\"", "{", "{}", "", "{\"detail\":\"Invalid API key\"}",
                    "{\"detail\":[{\"loc\":[\"body\",\"content_type\"],\"msg\":\"field required\"}]}", "{\"detail\":null}",
                    "<html><body>502 Bad Gateway</body></html>")), null);
        }
        if (roll == 15) {
            return new Body(json(anyText(50)), null);
        }
        byte[] bytes = new byte[between(0, 3_000)];
        random.nextBytes(bytes);
        return new Body(bytes, null);
    }

    /**
     * The value's text for a failure message: every character outside printable ASCII as {@code \\uXXXX} (a lone
     * surrogate written out raw would cut the message short), cut after 120 characters.
     */
    public static String printable(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder("[");
        text.chars().limit(120).forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return out.append(text.length() > 120 ? "... (" + text.length() + " chars)]" : "]").toString();
    }

    private static byte[] threeFields(String uploadUrl, String key, String publicUrl, String extra) {
        return json("{\"upload_url\":" + quote(uploadUrl) + ",\"key\":" + quote(key) + ",\"public_url\":"
                + quote(publicUrl) + extra + "}");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string of the text: quotes, backslashes, control characters and surrogates as {@code \\uXXXX}. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }
}
