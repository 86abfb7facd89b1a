package io.opengater.storage.client.runtime;

/**
 * What the caller's own code threw during an upload (its progress listener, or the stream it gave), carried through
 * the call so that it reaches the caller unchanged; it is never retried.
 */
final class CallerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CallerFailure(RuntimeException thrown) {
        super("the caller's code threw during the upload", thrown, false, false);
    }

    RuntimeException thrown() {
        return (RuntimeException) getCause();
    }
}
