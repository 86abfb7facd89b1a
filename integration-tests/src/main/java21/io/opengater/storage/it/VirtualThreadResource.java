package io.opengater.storage.it;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadResult;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * The blocking client on virtual threads, as a service on Java 21+ uses it: each request asks for a presigned upload,
 * uploads its body and deletes that object again, three blocking calls, and responds with the thread it ran on. The
 * threads are remembered, so that a test can check that none is left running.
 * <p>
 * Built only by a JDK 21 or newer, for Java 21 (the {@code java21} profile): Quarkus REST refuses
 * {@code @RunOnVirtualThread} at build time on an older JDK, or in classes compiled for Java 17.
 */
@Path("/virtual-threads")
@ApplicationScoped
public class VirtualThreadResource {

    /**
     * @param createdKey the key of the presigned upload asked for first
     * @param uploadedKey the key of the object uploaded, then deleted
     * @param uploadedBytes how many bytes were uploaded
     * @param virtual whether the thread that served the request is a virtual thread
     * @param thread that thread, as its {@code toString()} after the three calls (with its carrier, if virtual)
     */
    public record RoundTrip(String createdKey, String uploadedKey, int uploadedBytes, boolean virtual,
            String thread) {
    }

    /**
     * @param served how many threads have served a round trip since the application started
     * @param running those that are still alive
     */
    public record ServedThreads(int served, List<String> running) {
    }

    @Inject
    StorageClient storage;

    private final Set<Thread> threadsServed = ConcurrentHashMap.newKeySet();

    @POST
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public RoundTrip roundTrip(@QueryParam("prefix") String prefix, byte[] bytes) {
        Thread thread = Thread.currentThread();
        threadsServed.add(thread);
        UploadResult created = storage.createUpload(MediaType.APPLICATION_OCTET_STREAM, prefix);
        UploadResult uploaded = storage.upload(bytes, MediaType.APPLICATION_OCTET_STREAM, prefix);
        storage.deleteByKey(uploaded.key());
        return new RoundTrip(created.key(), uploaded.key(), bytes.length, thread.isVirtual(), thread.toString());
    }

    /** On the event loop, so that asking starts no worker thread. */
    @GET
    @Path("/served")
    @NonBlocking
    public ServedThreads served() {
        return new ServedThreads(threadsServed.size(),
                threadsServed.stream().filter(Thread::isAlive).map(Thread::toString).toList());
    }
}
