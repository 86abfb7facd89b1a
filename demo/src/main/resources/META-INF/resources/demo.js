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
    const deleted = await fetch(`api/objects?key=${encodeURIComponent(current.key)}`, { method: 'DELETE' });
    if (!deleted.ok) {
        deleteButton.disabled = false;
        say(`Delete failed: ${await problem(deleted)}`, 'error');
        return;
    }
    result.hidden = true;
    preview.removeAttribute('src');
    say(`Deleted ${current.key}: its public URL now answers 404.`, 'done');
    current = null;
});
