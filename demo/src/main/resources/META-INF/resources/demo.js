// The flow the service was made for: the server gets a presigned URL, the browser PUTs the bytes straight to it.
// The PUT uses XMLHttpRequest: fetch reports no upload progress and cannot be watched while it sends.
const form = document.getElementById('upload-form');
const dropZone = document.getElementById('drop-zone');
const fileInput = document.getElementById('file');
const chosen = document.getElementById('chosen');
const prefixInput = document.getElementById('prefix');
const uploadButton = document.getElementById('upload');
const transfer = document.getElementById('transfer');
const progress = document.getElementById('progress');
const progressText = document.getElementById('progress-text');
const cancelButton = document.getElementById('cancel');
const statusLine = document.getElementById('status');
const result = document.getElementById('result');
const keyOut = document.getElementById('key');
const publicUrl = document.getElementById('public-url');
const preview = document.getElementById('preview');
const deleteButton = document.getElementById('delete');
let current = null;
let sending = null;

function say(text, kind) {
    statusLine.textContent = text;
    statusLine.className = kind || '';
}

function size(bytes) {
    if (bytes < 1024) {
        return `${bytes} bytes`;
    }
    return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// ---- choosing a file: the picker or the drop zone ----

function showChosen() {
    const file = fileInput.files[0];
    chosen.textContent = file ? `${file.name}, ${size(file.size)}` : 'No file chosen.';
}

fileInput.addEventListener('change', showChosen);

for (const type of ['dragenter', 'dragover']) {
    dropZone.addEventListener(type, event => {
        event.preventDefault();
        dropZone.classList.add('over');
    });
}
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
dropZone.addEventListener('drop', event => {
    event.preventDefault();
    dropZone.classList.remove('over');
    const dropped = event.dataTransfer.files;
    if (dropped.length === 0) {
        return;
    }
    // One upload at a time: the first file dropped is the one chosen.
    const first = new DataTransfer();
    first.items.add(dropped[0]);
    fileInput.files = first.files;
    showChosen();
});

// ---- progress ----

// Shows how much was sent; each value is also appended to data-trail, the record of the bar's moves.
function showProgress(sent, total, state) {
    progress.max = total;
    progress.value = sent;
    const percent = total > 0 ? Math.floor(sent * 100 / total) : 100;
    progress.textContent = `${percent} %`;
    progressText.textContent = `${size(sent)} of ${size(total)} (${percent} %)`;
    transfer.dataset.trail = `${transfer.dataset.trail || ''} ${sent}`.trim();
    if (state) {
        transfer.dataset.state = state;
    }
}

function startTransfer(total) {
    transfer.dataset.trail = '';
    transfer.hidden = false;
    showProgress(0, total, 'uploading');
    cancelButton.disabled = false;
}

function endTransfer(state) {
    transfer.dataset.state = state;
    cancelButton.disabled = true;
    sending = null;
}

cancelButton.addEventListener('click', () => {
    if (sending) {
        sending.abort();
    }
});

// ---- what went wrong, in words ----

// The demo server's answer to a failed call: a Problem (see UploadsResource) with the kind of failure.
async function serverProblem(response) {
    let problem;
    try {
        problem = await response.json();
    } catch (notJson) {
        return `The demo server responded HTTP ${response.status}.`;
    }
    const status = problem.storageStatus ? `HTTP ${problem.storageStatus}: ` : '';
    const said = `${status}${problem.detail || problem.error}`;
    switch (problem.kind) {
        case 'invalid':
            return `The demo could not ask for this upload: ${problem.detail}.`;
        case 'refused':
            return `The storage refused this upload (${said}).`;
        case 'auth':
            return `The storage did not accept the demo server's API key (${said}). `
                + 'Check quarkus.opengater-storage.api-key.';
        case 'not-found':
            return `The storage does not have it (${said}).`;
        case 'unavailable': {
            const wait = response.headers.get('Retry-After');
            return `The storage is unavailable right now (${said}). `
                + (wait ? `It asks to try again in ${wait} s.` : 'Try again in a moment.');
        }
        default:
            return `The storage failed: ${problem.error}`;
    }
}

// The storage host's answer to a failed PUT: an S3 error, <Error><Code>…</Code><Message>…</Message></Error>.
function storageHostProblem(request) {
    const xml = new DOMParser().parseFromString(request.responseText || '', 'application/xml');
    const code = xml.querySelector('Error > Code')?.textContent;
    const message = xml.querySelector('Error > Message')?.textContent;
    const said = `HTTP ${request.status}${code ? ` ${code}: ${message}` : ''}`;
    if (request.status === 403 && /expired/i.test(message || '')) {
        return `The upload URL expired before the upload (${said}). Upload again for a new one.`;
    }
    if (request.status === 403) {
        return `The storage host refused the upload URL (${said}).`;
    }
    if (request.status === 413 || code === 'EntityTooLarge') {
        return `The file is too large for the storage host (${said}).`;
    }
    if (request.status === 429 || request.status >= 500) {
        return `The storage host is unavailable right now (${said}). Try again in a moment.`;
    }
    return `The storage host refused the upload (${said}).`;
}

// ---- the upload ----

// Resolves with the finished request, whatever its status, or null when it was cancelled; rejects when no response
// came (a network failure, or a storage host that does not allow this page's origin).
function put(url, file, contentType) {
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open('PUT', url);
        request.setRequestHeader('Content-Type', contentType);
        request.upload.addEventListener('progress', event => showProgress(event.loaded,
            event.lengthComputable ? event.total : file.size));
        // Every byte is sent: the storage may already keep the file, so Cancel could no longer promise anything.
        request.upload.addEventListener('load', () => {
            cancelButton.disabled = true;
        });
        request.addEventListener('load', () => resolve(request));
        request.addEventListener('abort', () => resolve(null));
        request.addEventListener('error', () => reject(new Error('no response from the storage host')));
        sending = request;
        request.send(file);
    });
}

form.addEventListener('submit', async event => {
    event.preventDefault();
    const file = fileInput.files[0];
    if (!file) {
        say('Pick or drop a file first.', 'error');
        return;
    }
    const contentType = file.type || 'application/octet-stream';
    uploadButton.disabled = true;
    transfer.hidden = true;
    try {
        say(`Asking the storage for an upload URL for ${file.name} (${contentType})…`);
        const created = await fetch('api/uploads', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ contentType, prefix: prefixInput.value })
        });
        if (!created.ok) {
            say(await serverProblem(created), 'error');
            return;
        }
        const upload = await created.json();
        say(`Uploading ${file.name} (${size(file.size)}) straight to the storage…`);
        startTransfer(file.size);
        let sent;
        try {
            sent = await put(upload.uploadUrl, file, contentType);
        } catch (unreachable) {
            endTransfer('failed');
            say('The upload could not reach the storage host: the network failed, or the host does not allow '
                + 'uploads from this page.', 'error');
            return;
        }
        if (sent === null) {
            endTransfer('cancelled');
            say(`Cancelled the upload of ${file.name}; the storage did not keep it.`);
            return;
        }
        if (sent.status < 200 || sent.status > 299) {
            endTransfer('failed');
            say(storageHostProblem(sent), 'error');
            return;
        }
        showProgress(file.size, file.size);
        endTransfer('done');
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
            say(`Delete failed: ${await serverProblem(deleted)}`, 'error');
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
