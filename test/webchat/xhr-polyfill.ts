/**
 * Just enough of XMLHttpRequest, over Node's fetch, for RxJS 5's ajax, which botframework-directlinejs
 * uses for every call. Its README says to install xhr2 for Node; this does the same job for the tests
 * without a new package. Test-only: installed on globalThis for the duration of a test file.
 */
type Handler = ((this: FetchXMLHttpRequest, event: { type: string }) => void) | null;

export class FetchXMLHttpRequest {
  static readonly UNSENT = 0;
  static readonly OPENED = 1;
  static readonly DONE = 4;

  readyState = 0;
  status = 0;
  statusText = '';
  response: unknown = null;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  /** RxJS only wires onerror when an upload object exists. */
  upload = {};
  onreadystatechange: Handler = null;
  onload: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;
  onabort: Handler = null;

  private method = 'GET';
  private url = '';
  private readonly requestHeaders: Record<string, string> = {};
  private responseHeaders?: Headers;
  private readonly controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = FetchXMLHttpRequest.OPENED;
  }

  setRequestHeader(name: string, value: string): void {
    this.requestHeaders[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders?.get(name) ?? null;
  }

  getAllResponseHeaders(): string {
    return [...(this.responseHeaders?.entries() ?? [])].map(([k, v]) => `${k}: ${v}`).join('\r\n');
  }

  abort(): void {
    this.controller.abort();
  }

  send(body?: string | null): void {
    const signals = [this.controller.signal, ...(this.timeout > 0 ? [AbortSignal.timeout(this.timeout)] : [])];
    fetch(this.url, { method: this.method, headers: this.requestHeaders, body: body ?? undefined, signal: AbortSignal.any(signals) })
      .then(async (res) => {
        this.responseHeaders = res.headers;
        this.status = res.status;
        this.statusText = res.statusText;
        this.responseText = await res.text();
        if (this.responseType === 'json') {
          try {
            this.response = this.responseText ? JSON.parse(this.responseText) : null;
          } catch {
            this.response = null;
          }
        } else {
          this.response = this.responseText;
        }
        this.readyState = FetchXMLHttpRequest.DONE;
        this.onreadystatechange?.call(this, { type: 'readystatechange' });
        this.onload?.call(this, { type: 'load' });
      })
      .catch((err: Error) => {
        this.readyState = FetchXMLHttpRequest.DONE;
        if (err.name === 'TimeoutError') this.ontimeout?.call(this, { type: 'timeout' });
        else if (this.controller.signal.aborted) this.onabort?.call(this, { type: 'abort' });
        else this.onerror?.call(this, { type: 'error' });
      });
  }
}
