package io.opengater.storage.client.deployment;

/** Reads the messages of a startup failure, which Quarkus and ArC wrap in several layers. */
final class Causes {

    private Causes() {
    }

    /** Every {@code toString()} of the cause chain, one a line: the class names and all messages. */
    static String chain(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    /** The innermost cause. */
    static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
