package io.opengater.storage.client.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.channel.ChannelException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.StorageUnavailableException;
import io.vertx.core.VertxException;

/**
 * The contract's error table in one place: which exception a status is, what its detail says, and what a failure
 * without a response becomes.
 */
final class StorageErrors {

    private static final Pattern S3_CODE = Pattern.compile("<Code>(.*?)</Code>", Pattern.DOTALL);
    private static final Pattern S3_MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);

    /**
     * The three forms of an HTTP date that RFC 9110 has recipients accept: IMF-fixdate, RFC 850 (a two-digit year,
     * read as within the last fifty years or the next fifty) and asctime.
     */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 50)
                    .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    /** The longest detail taken from a body that is not a FastAPI error. */
    static final int MAX_DETAIL_LENGTH = 2_000;

    private StorageErrors() {
    }

    /**
     * The exception for a response with a status that is not a success.
     */
    static StorageException forStatus(String operation, int status, String detail, Duration retryAfter) {
        return switch (status) {
            case 400 -> new StorageBadRequestException(operation, status, detail);
            case 401, 403 -> new StorageAuthException(operation, status, detail);
            case 404 -> new StorageNotFoundException(operation, status, detail);
            default -> status == 429 || status >= 500
                    ? new StorageUnavailableException(operation, status, detail, retryAfter, null)
                    : new StorageException(operation, status, detail, null);
        };
    }

    /**
     * The detail of an error body: the {@code detail} of a FastAPI body (a non-string one as compact JSON),
     * otherwise the body's text, trimmed and cut to {@value #MAX_DETAIL_LENGTH} characters; {@code null} for no body.
     */
    static String detail(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String text = body.strip();
        if (text.startsWith("{")) {
            try {
                JsonNode detail = json.readTree(text).get("detail");
                if (detail != null) {
                    return detail.isTextual() ? detail.textValue() : detail.toString();
                }
            } catch (IOException notJson) {
                // a body that only looks like JSON is reported as text
            }
        }
        return cut(text);
    }

    /**
     * Reads a {@code Retry-After} header: delay-seconds or an HTTP date.
     *
     * @return the wait it asks for, or {@code null} when there is no header or it cannot be read
     */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            for (DateTimeFormatter format : HTTP_DATES) {
                try {
                    Instant at = ZonedDateTime.parse(value, format).toInstant();
                    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
                } catch (DateTimeParseException notThisFormat) {
                    // the next one
                }
            }
            return null;
        }
    }

    /**
     * Turns whatever one call failed with into the contract's exception for its operation. A response that is not a
     * success is the exception of its status, unless the proxy refused the request or its tunnel. When no usable
     * response came (a timeout, a connection, DNS or TLS failure, a broken response, an open circuit breaker), it is a
     * {@link StorageUnavailableException} without status, which is retried; anything else that went wrong inside the
     * client is a plain {@link StorageException}, never retried. What the caller's own code threw passes as it is. The
     * cause is attached with any URL query in its messages left out.
     */
    static RuntimeException translate(Operation operation, Duration timeout, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof StorageException storageException) {
                return storageException;
            }
            if (cause instanceof CallerFailure callerFailure) {
                return callerFailure.thrown();
            }
            if (cause instanceof ErrorResponse response) {
                return forResponse(operation, response);
            }
            ErrorResponse refusedTunnel = ProxyRefusals.tunnelRefusal(cause);
            if (refusedTunnel != null) {
                return forResponse(operation, refusedTunnel);
            }
            if (cause instanceof ApiKeyUnavailable unavailable) {
                return StorageException.withoutResponse(operation.label(), unavailable.getMessage(),
                        unavailable.getCause());
            }
        }
        String noResponse = noResponse(failure, timeout);
        Throwable cause = PresignedUrls.redacted(failure);
        return noResponse != null
                ? StorageUnavailableException.withoutResponse(operation.label(), noResponse, cause)
                : StorageException.withoutResponse(operation.label(), "unexpected failure ("
                        + PresignedUrls.withoutQueries(summary(firstOwnMessage(failure))) + ")", cause);
    }

    /**
     * A response's exception by the table of statuses; the proxy's refusal is a plain {@link StorageException} with
     * its status, never retried: neither the service refusing the key ({@link StorageAuthException}) nor
     * unavailability.
     */
    private static StorageException forResponse(Operation operation, ErrorResponse response) {
        return response.fromProxy()
                ? new StorageException(operation.label(), response.status(), response.detail(), null)
                : forStatus(operation.label(), response.status(), response.detail(), response.retryAfter());
    }

    /**
     * Whether a failure, not yet translated, is the service refusing the API key: a response with status 401 or 403
     * that a proxy did not send (a proxy's refusal is about its own credentials, which a fresh key cannot mend).
     */
    static boolean refusesKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof ErrorResponse response) {
                return !response.fromProxy() && (response.status() == 401 || response.status() == 403);
            }
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }

    /**
     * @return what happened in words when the failure means that no usable response came, else {@code null}
     */
    private static String noResponse(Throwable failure, Duration timeout) {
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit breaker is open after repeated failures, call not sent";
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof io.smallrye.mutiny.TimeoutException
                    || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException) {
                return "timed out after " + humanReadable(timeout);
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof SSLException) {
                return "TLS failure (" + PresignedUrls.withoutQueries(cause.getMessage()) + ")";
            }
            if (cause instanceof ConnectException) {
                return "connection failed (" + PresignedUrls.withoutQueries(cause.getMessage()) + ")";
            }
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            // the connection failed or broke before a whole response came
            if (cause instanceof IOException || cause instanceof VertxException || cause instanceof ChannelException
                    || cause instanceof PrematureChannelClosureException) {
                return "connection failed (" + PresignedUrls.withoutQueries(summary(root(failure))) + ")";
            }
        }
        return null;
    }

    /** The first failure of the chain that says more than a wrapper repeating its cause. */
    private static Throwable firstOwnMessage(Throwable failure) {
        for (Throwable cause = failure; next(cause) != null; cause = next(cause)) {
            if (cause.getMessage() != null && !cause.getMessage().equals(next(cause).toString())) {
                return cause;
            }
        }
        return root(failure);
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        return root;
    }

    private static String summary(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /**
     * The detail of a storage host's error response: {@code "Code: Message"} of an S3 {@code <Error>} document, otherwise
     * as {@link #detail(ObjectMapper, String)}.
     */
    static String s3Detail(ObjectMapper json, String body) {
        if (body != null) {
            Matcher code = S3_CODE.matcher(body);
            if (body.contains("<Error>") && code.find()) {
                Matcher message = S3_MESSAGE.matcher(body);
                return cut(unescapeXml(code.group(1).strip())
                        + (message.find() ? ": " + unescapeXml(message.group(1).strip()) : ""));
            }
        }
        return detail(json, body);
    }

    /** At most {@value #MAX_DETAIL_LENGTH} characters, never half of a surrogate pair. */
    private static String cut(String text) {
        if (text.length() <= MAX_DETAIL_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_DETAIL_LENGTH - 1)) ? MAX_DETAIL_LENGTH - 1
                : MAX_DETAIL_LENGTH;
        return text.substring(0, end);
    }

    /** In one pass, so that {@code &amp;lt;} becomes {@code &lt;}; a reference to no XML character stays as it is. */
    private static String unescapeXml(String text) {
        return Pattern.compile("&(lt|gt|quot|apos|amp|#0*[0-9]{1,7}|#x0*[0-9a-fA-F]{1,6});").matcher(text)
                .replaceAll(reference -> {
                    String name = reference.group(1);
                    int code = switch (name) {
                        case "lt" -> '<';
                        case "gt" -> '>';
                        case "quot" -> '"';
                        case "apos" -> '\'';
                        case "amp" -> '&';
                        default -> name.charAt(1) == 'x' ? Integer.parseInt(name.substring(2), 16)
                                : Integer.parseInt(name.substring(1));
                    };
                    boolean xmlChar = code == 0x9 || code == 0xA || code == 0xD || code >= 0x20 && code <= 0xD7FF
                            || code >= 0xE000 && code <= 0xFFFD || code >= 0x10000 && code <= 0x10FFFF;
                    return Matcher.quoteReplacement(xmlChar ? Character.toString(code) : reference.group());
                });
    }

    /** {@code PT30S} as {@code 30s}, {@code PT0.5S} as {@code 500ms}. */
    static String humanReadable(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + "s"
                : duration.toMillis() + "ms";
    }

}
