package io.opengater.storage.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake on its own: {@code java -cp ... io.opengater.storage.testing.FakeStorageMain [port] [api-key]}. It
 * prints its address and key, and runs until the process is stopped.
 */
public final class FakeStorageMain {

    private FakeStorageMain() {
    }

    /**
     * @param args the port ({@code 0} or none: a free one) and the API key (none: a generated one)
     * @throws InterruptedException if the main thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String apiKey = args.length > 1 ? args[1] : FakeStorageServer.generateApiKey();
        FakeStorageServer server = FakeStorageServer.start(port, apiKey);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("fake opengater-storage listening on " + server.baseUrl());
        System.out.println("api key: " + apiKey);
        new CountDownLatch(1).await();
    }
}
