package io.opengater.storage.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The failures tests inject: the next requests under a path wait, then get an error status, or are served late.
 * Service paths fail with FastAPI's error, the bucket with S3's. A browser's CORS preflight ({@code OPTIONS}) is
 * served as usual and counts for none: a failure is meant for the request that the preflight announces.
 */
final class FailureInjection {

    /** What an injected failure says when the test gave no detail. */
    static final String DEFAULT_DETAIL = "failure injected by the test";

    private final Vertx vertx;
    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    FailureInjection(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Adds a failure as {@link FakeStorage#injectFailure} sends it. */
    void add(JsonObject failure) {
        failures.add(new Failure(failure.getString("path", "/"), failure.getInteger("status", 0),
                failure.getString("detail", DEFAULT_DETAIL), failure.getLong("delayMillis", 0L),
                failure.getString("retryAfter"), failure.getInteger("times", 1)));
    }

    void clear() {
        failures.clear();
    }

    /** Runs {@code route} for the request, unless a failure for its path delays it or fails it first. */
    void serve(HttpServerRequest request, JsonObject recorded, Runnable route) {
        Failure failure = request.method() == HttpMethod.OPTIONS ? null : take(request.path());
        if (failure == null) {
            route.run();
            return;
        }
        request.pause();
        vertx.setTimer(Math.max(1, failure.delayMillis()), id -> {
            request.resume();
            if (failure.status() <= 0) {
                route.run();
            } else {
                fail(request, recorded, failure);
            }
        });
    }

    private static void fail(HttpServerRequest request, JsonObject recorded, Failure failure) {
        if (failure.retryAfter() != null) {
            request.response().putHeader("Retry-After", failure.retryAfter());
        }
        if (request.path().startsWith(ObjectStore.BUCKET)) {
            Responses.s3Error(request, failure.status(), "InjectedFailure", failure.detail());
            return;
        }
        // the body of a failed service call is recorded too, so that tests can tell the calls apart
        request.body().onComplete(body -> {
            if (body.succeeded() && body.result().length() <= ServiceApi.MAX_BODY) {
                recorded.put("body", body.result().toString(StandardCharsets.UTF_8));
            }
            Responses.detail(request, failure.status(), failure.detail());
        });
    }

    private Failure take(String path) {
        for (Failure failure : failures) {
            if (path.startsWith(failure.path()) && failure.take()) {
                if (failure.exhausted()) {
                    failures.remove(failure);
                }
                return failure;
            }
        }
        return null;
    }

    /** A failure of the next {@code times} requests under {@code path}; a {@code status} of 0 only delays. */
    private static final class Failure {

        private final String path;
        private final int status;
        private final String detail;
        private final long delayMillis;
        private final String retryAfter;
        private int remaining;

        Failure(String path, int status, String detail, long delayMillis, String retryAfter, int times) {
            this.path = path;
            this.status = status;
            this.detail = detail;
            this.delayMillis = delayMillis;
            this.retryAfter = retryAfter;
            this.remaining = times;
        }

        synchronized boolean take() {
            if (remaining <= 0) {
                return false;
            }
            remaining--;
            return true;
        }

        synchronized boolean exhausted() {
            return remaining <= 0;
        }

        String path() {
            return path;
        }

        int status() {
            return status;
        }

        String detail() {
            return detail;
        }

        long delayMillis() {
            return delayMillis;
        }

        String retryAfter() {
            return retryAfter;
        }
    }
}
