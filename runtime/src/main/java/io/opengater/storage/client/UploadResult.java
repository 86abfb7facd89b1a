package io.opengater.storage.client;

/**
 * What the service answers to {@code POST /uploads}: where to {@code PUT} the bytes, the object's key and the
 * address it will be served from.
 *
 * @param uploadUrl the presigned URL to {@code PUT} the file to, with the same {@code Content-Type} as requested
 * @param key the object's key in the storage, the reliable handle for {@link StorageClient#deleteByKey(String)}
 * @param publicUrl the address the object is served from once uploaded
 */
public record UploadResult(String uploadUrl, String key, String publicUrl) {
}
