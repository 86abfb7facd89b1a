package io.opengater.storage.client.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientLogger;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * The REST client's request log ({@code quarkus.rest-client.logging.scope=request-response}) for the service calls,
 * in the REST client's own format, with the masked headers hidden and the query of every URL in a body left out: the
 * response to {@code POST /uploads} holds a presigned URL, whose query is a credential.
 */
final class RedactingClientLogger implements ClientLogger {

    private static final Logger LOG = Logger.getLogger(RedactingClientLogger.class);

    private volatile int bodySize;
    private volatile Set<String> maskedHeaders = Set.of();

    @Override
    public void setBodySize(int bodySize) {
        this.bodySize = bodySize;
    }

    @Override
    public void setMaskedHeaders(Set<String> maskedHeaders) {
        this.maskedHeaders = maskedHeaders.stream().map(header -> header.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void logRequest(HttpClientRequest request, Buffer body, boolean omitBody) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.infof("Request: %s %s Headers[%s], %s", request.getMethod(),
                PresignedUrls.withoutQueries(uri(request)), headers(request.headers()),
                omitBody ? "Body omitted" : body(body));
    }

    @Override
    public void logResponse(HttpClientResponse response, boolean redirect) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        response.bodyHandler(body -> LOG.infof("%s: %s %s, Status[%d %s], Headers[%s], %s",
                redirect ? "Redirect" : "Response", response.request().getMethod(),
                PresignedUrls.withoutQueries(uri(response.request())), response.statusCode(),
                response.statusMessage(), headers(response.headers()), body(body)));
    }

    /** Sent to an http proxy, the request already holds the absolute URI, which absoluteURI() would prefix again. */
    private static String uri(HttpClientRequest request) {
        String uri = request.getURI();
        return uri.startsWith("http://") || uri.startsWith("https://") ? uri : request.absoluteURI();
    }

    private String body(Buffer body) {
        if (body == null || body.length() == 0) {
            return "Empty body";
        }
        String text = body.toString();
        return "Body:\n" + PresignedUrls.withoutQueries(
                bodySize < 0 ? text : text.substring(0, Math.min(text.length(), bodySize)));
    }

    private String headers(MultiMap headers) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> header : headers) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            boolean masked = maskedHeaders.contains(header.getKey().toLowerCase(Locale.ROOT));
            text.append(header.getKey()).append('=')
                    .append(masked ? "****" : PresignedUrls.withoutQueries(header.getValue()));
        }
        return text.toString();
    }
}
