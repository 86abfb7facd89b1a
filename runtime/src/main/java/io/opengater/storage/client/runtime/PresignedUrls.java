package io.opengater.storage.client.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The query of a presigned URL holds its signature, a credential: what may be said of such a URL, and whether one
 * can be used.
 */
public final class PresignedUrls {

    /**
     * A query in any text: from a {@code ?} to the first character that cannot be in a URL, when it has a parameter.
     * Not only after a well-formed URL: a malformed one holds a signature too.
     */
    private static final Pattern QUERY = Pattern.compile("\\?(?=[^\\s\"'<>#]*=)[^\\s\"'<>#]*");

    private PresignedUrls() {
    }

    /** The text with every query in it replaced by {@code ?…}. */
    public static String withoutQueries(String text) {
        return text == null || text.indexOf('?') < 0 ? text : QUERY.matcher(text).replaceAll("?…");
    }

    /**
     * The failure itself when no message of its chain holds a query; else a copy of the chain whose messages leave
     * the queries out, each naming the class it stands for and keeping its stack trace.
     */
    static Throwable redacted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && QUERY.matcher(cause.getMessage()).find()) {
                return copyWithoutQueries(failure);
            }
        }
        return failure;
    }

    private static Throwable copyWithoutQueries(Throwable failure) {
        Throwable cause = failure.getCause() == null || failure.getCause() == failure ? null
                : copyWithoutQueries(failure.getCause());
        String message = failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + withoutQueries(failure.getMessage());
        Throwable copy = new QueryLeftOut(message, cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Stands for a failure whose message held the query of a URL. */
    static final class QueryLeftOut extends RuntimeException {

        private static final long serialVersionUID = 1L;

        QueryLeftOut(String message, Throwable cause) {
            super(message, cause);
        }

        /** The message alone: it starts with the name of the class this stands for. */
        @Override
        public String toString() {
            return getMessage();
        }
    }

    /**
     * @return what makes the URL unusable for a {@code PUT}, in words that do not repeat it, or {@code null} when it
     *         is an absolute {@code http} or {@code https} URL with a host
     */
    static String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            return "is not a valid URL (" + malformed.getReason() + " at index " + malformed.getIndex() + ")";
        } catch (NumberFormatException malformedAddress) {
            // Java 17's parser throws it for some malformed IPv6 addresses, such as [::4444444444.1]
            return "is not a valid URL (a malformed IP address)";
        }
        if (uri.getScheme() == null) {
            return "is not an absolute URL";
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return "is not an http or https URL";
        }
        if (uri.getHost() == null) {
            return "has no host";
        }
        if (uri.getPort() > 65_535) {
            return "is not a valid URL (its port is above 65535)";
        }
        return null;
    }
}
