import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { embeddedClients } from 'build-time-data';
import '@vaadin/grid';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/select';
import '@vaadin/text-field';
import '@vaadin/button';

/**
 * The opengater-storage clients of the application: each one's base URL (and whether it is the embedded storage of
 * Dev Services) and its circuit breaker, and a form that creates an upload through one of them.
 */
export class QwcOpengaterStorageClients extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .clients { height: auto; }
        .form { display: flex; gap: 1em; align-items: baseline; padding: 1em 0; flex-wrap: wrap; }
        .result { font-family: monospace; white-space: pre-wrap; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _clients: { state: true },
        _client: { state: true },
        _contentType: { state: true },
        _prefix: { state: true },
        _result: { state: true },
        _error: { state: true },
    };

    constructor() {
        super();
        this._clients = [];
        this._contentType = 'application/octet-stream';
        this._prefix = 'dev-ui';
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getClients().then(response => {
            this._clients = response.result.map(client => ({
                ...client,
                embedded: embeddedClients.includes(client.name),
            }));
            if (this._clients.length > 0) {
                this._client = this._clients[0].name;
            }
        });
    }

    render() {
        return html`
            <vaadin-grid class="clients" .items="${this._clients}" all-rows-visible theme="row-stripes">
                <vaadin-grid-column header="Client" path="name" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Base URL" auto-width
                    ${columnBodyRenderer(client => html`${client.baseUrl}${client.embedded
                        ? html` <em>(embedded storage, Dev Services)</em>` : ''}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Circuit breaker" path="circuitBreakerState" auto-width></vaadin-grid-column>
            </vaadin-grid>
            <div class="form">
                <vaadin-select label="Client" .value="${this._client}"
                    .items="${this._clients.map(client => ({ label: client.name, value: client.name }))}"
                    @value-changed="${e => this._client = e.detail.value}"></vaadin-select>
                <vaadin-text-field label="Content type" .value="${this._contentType}"
                    @value-changed="${e => this._contentType = e.detail.value}"></vaadin-text-field>
                <vaadin-text-field label="Prefix" .value="${this._prefix}"
                    @value-changed="${e => this._prefix = e.detail.value}"></vaadin-text-field>
                <vaadin-button theme="primary" @click="${this._createUpload}">Create upload</vaadin-button>
            </div>
            ${this._error ? html`<div class="error">${this._error}</div>` : ''}
            ${this._result ? html`<div class="result">upload_url: ${this._result.uploadUrl}
key:        ${this._result.key}
public_url: ${this._result.publicUrl}</div>` : ''}
        `;
    }

    _createUpload() {
        this._result = null;
        this._error = null;
        this.jsonRpc.createUpload({ client: this._client, contentType: this._contentType, prefix: this._prefix })
            .then(response => this._result = response.result)
            .catch(failure => this._error = failure.error ? failure.error.message : String(failure));
    }
}
customElements.define('qwc-opengater-storage-clients', QwcOpengaterStorageClients);
