package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.proxy.HttpProxyHandler.HttpProxyConnectException;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;

/**
 * A proxy's refusal is told from the service's refusal of the key by the response alone, and a refused tunnel by
 * Netty's exception: both are a plain {@link StorageException} with the proxy's status, which says so.
 */
class ProxyRefusalsTest {

    @Test
    void aResponseIsTheProxysWhenItSaysSo() {
        assertTrue(ProxyRefusals.refusedByProxy(407, null, null));
        assertTrue(ProxyRefusals.refusedByProxy(407, "Basic realm=\"corporate\"", null));
        assertTrue(ProxyRefusals.refusedByProxy(403, "Negotiate", null), "only proxies send Proxy-Authenticate");
        // tinyproxy's answer to a wrong password
        assertTrue(ProxyRefusals.refusedByProxy(401, null, List.of("Basic realm=\"Tinyproxy\"")));
        assertTrue(ProxyRefusals.refusedByProxy(401, null, List.of("Bearer", " BASIC realm=\"x\"")));
    }

    @Test
    void theServicesAndTheStorageHostsRefusalsAreTheirs() {
        assertFalse(ProxyRefusals.refusedByProxy(401, null, null), "FastAPI's 401 for a wrong key");
        assertFalse(ProxyRefusals.refusedByProxy(401, null, List.of("APIKey")), "FastAPI's APIKeyHeader challenge");
        assertFalse(ProxyRefusals.refusedByProxy(401, null, List.of("Bearer realm=\"storage\"")));
        assertFalse(ProxyRefusals.refusedByProxy(403, null, List.of("Basic realm=\"x\"")), "only a 401 asks for them");
        assertFalse(ProxyRefusals.refusedByProxy(403, null, null), "S3's AccessDenied");
    }

    @Test
    void aRefusedTunnelIsARefusalWithTheProxysStatus() {
        ErrorResponse refusal = ProxyRefusals.tunnelRefusal(tunnel("status: 407 Proxy Authentication Required"));

        assertEquals(407, refusal.status());
        assertTrue(refusal.fromProxy());
        assertEquals("the proxy refused the request (407 Proxy Authentication Required); check the proxy's username"
                + " and password", refusal.detail());
        assertEquals("the proxy refused the request (403 Access violation)",
                ProxyRefusals.tunnelRefusal(tunnel("status: 403 Access violation")).detail());
    }

    @Test
    void aTunnelThatFailedOtherwiseIsNoRefusal() {
        assertNull(ProxyRefusals.tunnelRefusal(tunnel("status: 502 Bad Gateway")));
        assertNull(ProxyRefusals.tunnelRefusal(tunnel("timeout")));
        assertNull(ProxyRefusals.tunnelRefusal(new ProcessingException("status: 407 of something else")));
    }

    @Test
    void translatedARefusalIsAPlainStorageExceptionAndATunnelsServerErrorUnavailability() {
        RuntimeException refused = StorageErrors.translate(Operation.CREATE_UPLOAD, Duration.ofSeconds(30),
                new ProcessingException(tunnel("status: 401 Unauthorized")));
        assertEquals(StorageException.class, refused.getClass());
        assertEquals(401, ((StorageException) refused).statusCode());
        assertEquals("POST /uploads failed with HTTP 401: the proxy refused the request (401 Unauthorized); check the"
                + " proxy's username and password", refused.getMessage());

        RuntimeException answeredByTheProxy = StorageErrors.translate(Operation.CREATE_UPLOAD, Duration.ofSeconds(30),
                ProxyRefusals.refusal(401, "Unauthorized"));
        assertEquals(StorageException.class, answeredByTheProxy.getClass(), "not StorageAuthException");

        RuntimeException unreachable = StorageErrors.translate(Operation.CREATE_UPLOAD, Duration.ofSeconds(30),
                tunnel("status: 503 Service Unavailable"));
        assertEquals(StorageUnavailableException.class, unreachable.getClass());
        assertNull(((StorageException) unreachable).statusCode());
    }

    /** As Netty's HttpProxyHandler words it. */
    private static HttpProxyConnectException tunnel(String outcome) {
        return new HttpProxyConnectException("http, basic, /127.0.0.1:3128 => storage.example/10.0.0.7:443, " + outcome,
                new DefaultHttpHeaders());
    }
}
