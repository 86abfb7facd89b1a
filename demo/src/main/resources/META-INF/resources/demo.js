// The flow the service was made for: the server gets a presigned URL, the browser PUTs the bytes straight to it.
const form = document.getElementById('upload-form');
const fileInput = document.getElementById('file');
const prefixInput = document.getElementById('prefix');
const uploadButton = document.getElementById('upload');
const statusLine = document.getElementById('status');
const result = document.getElementById('result');
const keyOut = document.getElementById('key');
const publicUrl = document.getElementById('public-url');
const preview = document.getElementById('preview');
const deleteButton = document.getElementById('delete');
let current = null;

function say(text, kind) {
    statusLine.textContent = text;
    statusLine.className = kind || '';
}

async function problem(response) {
    try {
        const body = await response.json();
        return body.error || JSON.stringify(body);
    } catch (notJson) {
        return `HTTP ${response.status}`;
    }
}

form.addEventListener('submit', async event => {
    event.preventDefault();
    const file = fileInput.files[0];
    if (!file) {
        say('Pick a file first.', 'error');
        return;
    }
    const contentType = file.type || 'application/octet-stream';
    uploadButton.disabled = true;
    try {
        say(`Asking the storage for an upload URL for ${file.name} (${contentType})…`);
        const created = await fetch('api/uploads', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ contentType, prefix: prefixInput.value })
        });
        if (!created.ok) {
            say(`The storage refused the upload: ${await problem(created)}`, 'error');
            return;
        }
        const upload = await created.json();
        say(`Uploading ${file.size} bytes straight to the storage…`);
        const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: { 'Content-Type': contentType }, body: file });
        if (!put.ok) {
            say(`The upload failed: HTTP ${put.status} ${await put.text()}`, 'error');
            return;
        }
        current = upload;
        keyOut.textContent = upload.key;
        publicUrl.textContent = upload.publicUrl;
        publicUrl.href = upload.publicUrl;
        preview.hidden = !contentType.startsWith('image/');
        if (!preview.hidden) {
            preview.src = upload.publicUrl;
        }
        result.hidden = false;
        deleteButton.disabled = false;
        say(`Uploaded ${file.name}.`, 'done');
    } catch (failure) {
        say(`Something went wrong: ${failure.message}`, 'error');
    } finally {
        uploadButton.disabled = false;
    }
});

deleteButton.addEventListener('click', async () => {
    if (!current) {
        return;
    }
    deleteButton.disabled = true;
    try {
        const deleted = await fetch(`api/objects?key=${encodeURIComponent(current.key)}`, { method: 'DELETE' });
        if (!deleted.ok) {
            deleteButton.disabled = false;
            say(`Delete failed: ${await problem(deleted)}`, 'error');
            return;
        }
        result.hidden = true;
        preview.removeAttribute('src');
        say(`Deleted ${current.key}: ${await publicUrlAfterDelete(current.publicUrl)}`, 'done');
        current = null;
    } catch (failure) {
        deleteButton.disabled = false;
        say(`Something went wrong: ${failure.message}`, 'error');
    }
});

// Asks the public URL again, to show that the file is really gone.
async function publicUrlAfterDelete(url) {
    try {
        const gone = await fetch(url, { cache: 'no-store' });
        return gone.status === 404 ? 'its public URL now answers 404.' : `its public URL answers HTTP ${gone.status}.`;
    } catch (unreachable) {
        // A real storage may not allow CORS on its public URL; the delete itself succeeded.
        return 'the storage no longer has it.';
    }
}
