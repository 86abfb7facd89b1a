package io.opengater.storage.testing;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A first-match table of routes by method and path. A path that ends in a slash matches every path under it, any
 * other path only itself; a request no route matches gets FastAPI's 404.
 */
final class Routes {

    /** Serves a request that matched a route. */
    @FunctionalInterface
    interface Handler {

        /**
         * @param request the request
         * @param recorded the request as recorded for tests, which a handler may complete; {@code null} where
         *        requests are not recorded
         */
        void handle(HttpServerRequest request, JsonObject recorded);
    }

    private record Route(HttpMethod method, String path, Handler handler) {

        boolean matches(HttpServerRequest request) {
            return method.equals(request.method())
                    && (path.endsWith("/") ? request.path().startsWith(path) : request.path().equals(path));
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Routes route(HttpMethod method, String path, Handler handler) {
        routes.add(new Route(method, path, handler));
        return this;
    }

    void serve(HttpServerRequest request, JsonObject recorded) {
        for (Route route : routes) {
            if (route.matches(request)) {
                route.handler().handle(request, recorded);
                return;
            }
        }
        Responses.detail(request, 404, "Not Found");
    }
}
