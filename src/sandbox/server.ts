/**
 * The HTTP front of the sandbox: routing, authentication, fault injection and the request log.
 * Faults are applied in the order a real failure would meet the request (see faults.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type OperationName, operations } from '../../generated/operations.js';
import { authenticate } from './auth.js';
import type { Fault } from './faults.js';
import { cancel, resend } from './operations/cancel-resend.js';
import type { Handler } from './operations/context.js';
import { order } from './operations/order.js';
import { balance, catalogue, exchangeRates, stock, template } from './operations/read.js';
import { search } from './operations/search.js';
import { failure, type HandlerResult, TEXTS } from './responses.js';
import type { SandboxState } from './state.js';

const HANDLERS: Record<OperationName, Handler> = {
  Balance: balance,
  Cancel: cancel,
  Catalogue: catalogue,
  ExchangeRates: exchangeRates,
  Order: order,
  Resend: resend,
  Search: search,
  Stock: stock,
  Template: template,
};

/** The nginx page a proxy answers with when the API behind it fails. */
function htmlPage(status: 502 | 503): string {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function route(method: string, pathname: string): (typeof operations)[number] | undefined {
  // ASP.NET routes ignore case, so /v4/balance reaches Balance as it would live.
  const path = pathname.toLowerCase();
  return operations.find((o) => o.method === method && o.path.toLowerCase() === path);
}

/** What an echoing proxy repeats: every request header and the body, and the given codes. */
function echoText(req: IncomingMessage, body: string, codes: readonly string[]): string {
  const headers = Object.entries(req.headers)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : (value ?? '')}`)
    .join('; ');
  const tail = codes.length === 0 ? '' : `; recent codes: ${codes.join(', ')}`;
  return `Request rejected. Headers: ${headers}; body: ${body}${tail}`;
}

/** Writes `body` with a padding field so the whole answer is about `bytes` long, in 64 KiB chunks. */
async function sendOversized(res: ServerResponse, result: HandlerResult, bytes: number, declareLength: boolean) {
  const head = `${JSON.stringify(result.body).slice(0, -1)},"Padding":"`;
  const tail = '"}';
  const padding = Math.max(0, bytes - Buffer.byteLength(head) - tail.length);
  res.writeHead(result.status, {
    'content-type': 'application/json; charset=utf-8',
    ...(declareLength ? { 'content-length': Buffer.byteLength(head) + padding + tail.length } : {}),
  });
  res.write(head);
  const chunk = 'x'.repeat(65_536);
  for (let left = padding; left > 0 && !res.destroyed; left -= chunk.length) {
    const ok = res.write(left >= chunk.length ? chunk : chunk.slice(0, left));
    if (!ok) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  if (!res.destroyed) res.end(tail);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { value: unknown } | undefined {
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, result: HandlerResult, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(result.body);
  res.writeHead(result.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(text);
}

/** Settings the server needs beyond the state. */
export interface ServerSettings {
  readonly asyncDelayMs: number;
}

/** A node:http server serving `state`; `shutdown()` cancels scheduled work before closing. */
export function createSandboxServer(
  state: SandboxState,
  settings: ServerSettings,
): { server: Server; shutdown(): Promise<void> } {
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closed = false;

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closed || ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });

  const schedule = (ms: number, work: () => void): void => {
    state.track(delay(ms).then(() => (closed ? undefined : work())));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = req.method ?? 'GET';
    const operation = route(method, url.pathname);
    const tokenHeader = req.headers['x-api-token'];
    const token = typeof tokenHeader === 'string' && state.findAccount(tokenHeader) ? tokenHeader : null;
    const fault: Fault | undefined = operation === undefined ? undefined : state.faults.take(operation.name);
    const entry = state.log({
      time: new Date(started).toISOString(),
      method,
      path: url.pathname,
      operation: operation?.name ?? null,
      token,
      status: null,
      fault: fault?.kind ?? null,
      durationMs: 0,
    });
    const finish = (status: number | null) => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
    };
    const bodyText = await readBody(req);
    if (operation === undefined) {
      sendJson(res, failure(404, TEXTS.notFound));
      return finish(404);
    }
    if (fault?.kind === 'latency') await delay(fault.ms ?? 100);
    if (fault?.kind === 'redirect' && fault.store !== true) {
      res.writeHead(fault.status ?? 307, { location: fault.location, 'content-length': 0 });
      res.end();
      return finish(fault.status ?? 307);
    }
    if (fault?.kind === 'rate-limit') {
      const seconds = fault.retryAfterSeconds ?? 1;
      sendJson(res, failure(429, `Too many requests; retry after ${seconds} s`), { 'retry-after': String(seconds) });
      return finish(429);
    }
    if (fault?.kind === 'html-error') {
      const status = fault.status ?? 502;
      const page = htmlPage(status);
      res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
      res.end(page);
      return finish(status);
    }
    if (fault?.kind === 'echo') {
      const account = token === null ? undefined : state.findAccount(token);
      const codes = state
        .vouchers()
        .filter((v) => account !== undefined && state.order(v.orderUID)?.accountToken === account.token)
        .slice(-(fault.codes ?? 0))
        .map((v) => v.code);
      entry.echoed = echoText(req, bodyText, fault.codes === undefined || fault.codes === 0 ? [] : codes);
      sendJson(res, failure(fault.status ?? 400, entry.echoed));
      return finish(fault.status ?? 400);
    }
    const auth = authenticate(state, req.headers);
    if ('error' in auth) {
      sendJson(res, auth.error);
      return finish(auth.error.status);
    }
    if (fault?.kind === 'refuse') {
      sendJson(res, failure(fault.status, fault.message ?? `Refused (${fault.status})`));
      return finish(fault.status);
    }
    if (fault?.kind === 'stale-404' && operation.name === 'Search') {
      sendJson(res, failure(404, TEXTS.nothingFound));
      return finish(404);
    }
    if (fault?.kind === 'empty-object' && fault.store !== true) {
      sendJson(res, { status: 200, body: {} });
      return finish(200);
    }
    if (fault?.kind === 'error-before-store') {
      sendJson(res, failure(500, TEXTS.internal));
      return finish(500);
    }
    if (fault?.kind === 'slow-commit') await delay(fault.ms ?? 500);
    const parsed = parseJson(bodyText);
    let result: HandlerResult;
    if (parsed === undefined) result = failure(400, TEXTS.malformedJson);
    else {
      const body = operation.requestBody === null ? undefined : parsed.value;
      result = HANDLERS[operation.name]({
        state,
        account: auth.account,
        body,
        query: url.searchParams,
        asyncDelayMs: settings.asyncDelayMs,
        schedule,
        fault,
      });
    }
    if (!(String(result.status) in operation.responses)) {
      // A status the spec does not list for this operation is a sandbox bug; 500 is always listed.
      result = failure(500, `Sandbox bug: ${operation.name} may not answer ${result.status}`);
    }
    if (fault?.kind === 'error-after-store') result = failure(500, TEXTS.internal);
    if (fault?.kind === 'drop-after-store') {
      res.socket?.destroy();
      return finish(null);
    }
    if (fault?.kind === 'hang-after-store') return finish(null); // never answered; close() drops it
    if (fault?.kind === 'land-late') {
      const stored = state.order(String(result.body.OrderUID ?? ''));
      const ms = fault.ms ?? 1000;
      if (stored !== undefined) stored.visibleFrom = Date.now() + ms;
      schedule(ms, () => undefined); // settled() waits until the order is visible
      res.socket?.destroy();
      return finish(null);
    }
    if (fault?.kind === 'replayed-request' && result.status < 300) {
      // The first copy was stored and its answer lost with the connection; the re-sent copy carries
      // the same nonce, which the API refuses.
      result = failure(401, TEXTS.reusedNonce);
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(fault.status ?? 307, { location: fault.location, 'content-length': 0 });
      res.end();
      return finish(fault.status ?? 307);
    }
    if (fault?.kind === 'empty-object') result = { status: 200, body: {} };
    if (fault?.kind === 'foreign-refid' && result.status < 300) {
      const sent = result.body.RefID;
      result = { ...result, body: { ...result.body, RefID: `${typeof sent === 'string' ? sent : 'none'}-foreign` } };
    }
    if (fault?.kind === 'oversized-body') {
      await sendOversized(res, result, fault.bytes ?? 20_000_000, fault.declareLength === true);
      return finish(result.status);
    }
    if (fault?.kind === 'malformed-body') {
      const bytes = Buffer.from(JSON.stringify(result.body), 'utf8');
      const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
      res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': cut.length });
      res.end(cut);
      return finish(result.status);
    }
    sendJson(res, result);
    finish(result.status);
  }

  const server = createServer((req, res) => {
    const work = handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, failure(500, `${TEXTS.internal}: ${String(error)}`));
    });
    state.track(work);
  });

  const shutdown = async (): Promise<void> => {
    closed = true;
    for (const [timer, resolve] of timers) {
      clearTimeout(timer);
      resolve();
    }
    timers.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  return { server, shutdown };
}
