package io.opengater.storage.client.runtime;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.proxy.HttpProxyHandler.HttpProxyConnectException;

/**
 * Tells a proxy's refusal from the service's (or the storage host's), so that a wrong proxy password never reads as
 * a refused API key.
 * <ul>
 * <li>Over plain {@code http} the proxy answers in the request's place. Its refusal is a 407, or a response with a
 * {@code Proxy-Authenticate} challenge (only proxies send one), or a 401 that asks for {@code Basic} credentials: the
 * service authenticates with an API key and S3 with signatures, so a request for a username and password comes from
 * the proxy (tinyproxy answers a wrong password so, with 401 where a proxy should say 407).</li>
 * <li>To an {@code https} host the proxy is asked for a tunnel ({@code CONNECT}) first, and refuses it with a 4xx,
 * which Netty reports as an {@link HttpProxyConnectException}. A 5xx there is unavailability, like a connection that
 * failed.</li>
 * </ul>
 */
final class ProxyRefusals {

    /** Netty's message for a tunnel the proxy refused ends {@code "status: 407 Proxy Authentication Required"}. */
    private static final Pattern TUNNEL_STATUS = Pattern.compile("status: (\\d{3}) ?([^,]*)$");

    private ProxyRefusals() {
    }

    /**
     * @param proxyAuthenticate the response's {@code Proxy-Authenticate} header, or {@code null}
     * @param wwwAuthenticate its {@code WWW-Authenticate} headers, or {@code null}
     * @return whether the response is the proxy's refusal of the request, not the service's
     */
    static boolean refusedByProxy(int status, String proxyAuthenticate, List<String> wwwAuthenticate) {
        if (status == 407 || proxyAuthenticate != null) {
            return true;
        }
        return status == 401 && wwwAuthenticate != null && wwwAuthenticate.stream()
                .anyMatch(challenge -> challenge.strip().toLowerCase(Locale.ROOT).startsWith("basic"));
    }

    /** The refusal of a request that went through the proxy. */
    static ErrorResponse refusal(int status, String reason) {
        return ErrorResponse.fromProxy(status, detail(status, reason));
    }

    /**
     * @return the refusal of a tunnel, or {@code null} when the failure is none (a 5xx from the proxy, a timeout)
     */
    static ErrorResponse tunnelRefusal(Throwable failure) {
        if (!(failure instanceof HttpProxyConnectException) || failure.getMessage() == null) {
            return null;
        }
        Matcher status = TUNNEL_STATUS.matcher(failure.getMessage());
        if (!status.find()) {
            return null;
        }
        int code = Integer.parseInt(status.group(1));
        return code >= 400 && code < 500 ? refusal(code, status.group(2).strip()) : null;
    }

    /** "the proxy refused the request (407 Proxy Authentication Required); check the proxy's username and password" */
    private static String detail(int status, String reason) {
        String refused = "the proxy refused the request (" + status
                + (reason == null || reason.isBlank() ? "" : " " + reason.strip()) + ")";
        return status == 401 || status == 407 ? refused + "; check the proxy's username and password" : refused;
    }
}
