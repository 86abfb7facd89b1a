package io.opengater.storage.client;

/**
 * What the service responds to {@code POST /uploads}: where to {@code PUT} the bytes, the object's key and the
 * address it will be served from.
 *
 * @param uploadUrl the presigned URL to {@code PUT} the file to, with the same {@code Content-Type} as requested;
 *        its query holds the signature, a credential: keep it out of logs
 * @param key the object's key in the storage, the reliable handle for {@link StorageClient#deleteByKey(String)}
 * @param publicUrl the address the object is served from once uploaded
 */
public record UploadResult(String uploadUrl, String key, String publicUrl) {

    /** Shows the upload URL without its query, which holds the signature, so that logging a result is safe. */
    @Override
    public String toString() {
        int query = uploadUrl == null ? -1 : uploadUrl.indexOf('?');
        return "UploadResult[uploadUrl=" + (query < 0 ? uploadUrl : uploadUrl.substring(0, query) + "?…")
                + ", key=" + key + ", publicUrl=" + publicUrl + "]";
    }
}
