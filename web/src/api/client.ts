// The one way the UI talks to the server: JSON over fetch with the session cookie, the CSRF
// token on writes, errors as ApiError, and a 401 in the middle of work handed to the
// re-authentication dialog (the request is retried once the user has logged in again, so a
// half-filled form is never lost).

export interface ApiErrorBody {
  code: string;
  message: string;
  message_id: string;
  field?: string;
  current_version?: number;
  request_id?: string;
  retry_after_s?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.code);
    this.status = status;
    this.body = body;
  }
  get code(): string {
    return this.body.code;
  }
  get field(): string | undefined {
    return this.body.field;
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// The re-authentication hook: set by the session layer. Resolves true when the user logged
// in again (the request is retried), false when they gave up (the 401 is thrown).
type ReauthHandler = () => Promise<boolean>;
let reauth: ReauthHandler | null = null;
export function setReauthHandler(h: ReauthHandler | null): void {
  reauth = h;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  idempotencyKey?: string;
  // Extra request headers (e.g. X-Access-Purpose for an identifying report download).
  headers?: Record<string, string>;
  // Log-in and session probes must not open the re-authentication dialog.
  noReauth?: boolean;
  signal?: AbortSignal;
  /** bytes sent as they are (an upload chunk), with this Content-Type */
  raw?: { body: Blob | ArrayBuffer; contentType: string };
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function networkError(): ApiError {
  return new ApiError(0, {
    code: 'network_error',
    message: 'The server could not be reached. Check the connection and try again.',
    message_id: 'Server tidak dapat dihubungi. Periksa sambungan lalu coba lagi.',
  });
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.raw) headers['Content-Type'] = opts.raw.contentType;
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.raw ? opts.raw.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const j = (await res.json()) as { error?: ApiErrorBody };
    if (j && j.error && typeof j.error.code === 'string') return new ApiError(res.status, j.error);
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, {
    code: `http_${res.status}`,
    message: `The server answered ${res.status}.`,
    message_id: `Server menjawab ${res.status}.`,
  });
}

export async function apiRaw(path: string, opts: RequestOptions = {}): Promise<Response> {
  let res = await send(path, opts);
  if (res.status === 401 && !opts.noReauth && reauth) {
    const err = await toError(res);
    if (err.code !== 'not_logged_in') throw err;
    if (await reauth()) res = await send(path, opts);
    else throw err;
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiRaw(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function newIdempotencyKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
