package io.opengater.storage.client.runtime.devui;

import java.util.Collection;

import jakarta.inject.Inject;

import io.opengater.storage.client.runtime.PresignedUrls;
import io.opengater.storage.client.runtime.StorageClients;
import io.smallrye.mutiny.Uni;

/**
 * The Dev UI card's back end, in dev mode only: the clients and their addresses, and a form that creates an upload
 * through one of them. Its errors reach the page as the typed exception's message, which never holds the key; the
 * upload it shows has no query in its URL, as the query is the signature.
 */
public class StorageJsonRpcService {

    @Inject
    StorageClients clients;

    public Collection<StorageClients.ClientView> getClients() {
        return clients.clients().values();
    }

    public Uni<UploadView> createUpload(String client, String contentType, String prefix) {
        return clients.reactive(client).createUpload(contentType, prefix == null ? "" : prefix)
                .map(upload -> new UploadView(PresignedUrls.withoutQueries(upload.uploadUrl()), upload.key(),
                        upload.publicUrl()));
    }

    /** An upload as the page shows it: its URL without the query. */
    public record UploadView(String uploadUrl, String key, String publicUrl) {
    }
}
