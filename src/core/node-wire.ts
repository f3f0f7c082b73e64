/**
 * The wire over node:http and node:https, used on Node.js unless the caller asks for `fetch`. Per
 * request it costs well under half the CPU of Node's `fetch` (undici and web streams), which is what
 * limits bulk sending from one process. It keeps the fetch wire's rules: redirects are never followed,
 * the decoded body is counted and cut at the limit, a gzip/deflate/br answer is decoded, a leading
 * byte order mark is dropped as `Response.text()` drops it, and an abort rejects with the signal's
 * reason at any point until the whole body is in. Requests go through the module's `globalAgent`
 * (keep-alive since Node 19), so an agent the application installed there (a proxy agent, say) is used.
 *
 * The modules come from `process.getBuiltinModule` (Node >= 20.16), not from an import, so the client
 * entry still loads on runtimes without them; `nodeWire()` is `undefined` there.
 */
import { HuurayRedirectError, HuurayResponseTooLargeError } from './errors/response-errors.js';
import { isRedirectStatus } from './guarded-fetch.js';
import type { ResponseHeaders, Wire, WireRequest, WireResponse } from './wire.js';

// The few members of node:http, node:zlib and node:buffer this wire uses, declared here so that the
// client entry's graph and declarations stay free of Node's types (the entry is edge-safe).
type Listener = (...args: never[]) => void;
interface Emitter {
  on(event: string, listener: Listener): unknown;
}
type RawHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;
interface IncomingMessage extends Emitter {
  readonly statusCode?: number | undefined;
  readonly headers: RawHeaders;
  readonly complete: boolean;
}
interface ClientRequest extends Emitter {
  end(body?: string): unknown;
  destroy(): unknown;
}
type RequestFunction = (
  url: string,
  options: { method: string; headers: Record<string, string | number> },
  onResponse: (response: IncomingMessage) => void,
) => ClientRequest;
interface Decoder extends Emitter {
  write(chunk: Uint8Array): unknown;
  end(): unknown;
  destroy(): unknown;
}
interface ZlibModule {
  readonly constants: { readonly Z_SYNC_FLUSH: number };
  createGunzip(options: { flush: number; finishFlush: number }): Decoder;
  createInflate(options: { flush: number; finishFlush: number }): Decoder;
  createBrotliDecompress(): Decoder;
}
type NodeBuffer = Uint8Array & { toString(encoding: 'utf8'): string };
interface BufferModule {
  readonly Buffer: {
    byteLength(text: string): number;
    concat(chunks: readonly Uint8Array[], length: number): NodeBuffer;
  };
}
interface StringDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}
interface StringDecoderModule {
  readonly StringDecoder: new (encoding: 'utf8') => StringDecoder;
}
interface NodeModules {
  readonly http: RequestFunction;
  readonly https: RequestFunction;
  readonly zlib: ZlibModule;
  readonly buffer: BufferModule['Buffer'];
  readonly StringDecoder: StringDecoderModule['StringDecoder'];
}

interface NodeProcess {
  readonly versions?: { readonly node?: string; readonly bun?: string };
  readonly getBuiltinModule?: (id: string) => unknown;
}

/** node:http and friends on Node.js itself; Bun and Deno have their own, faster, `fetch`. */
function nodeModules(): NodeModules | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const load = proc?.getBuiltinModule;
  if (load === undefined || proc?.versions?.node === undefined || proc.versions.bun !== undefined) return undefined;
  if ('Deno' in globalThis) return undefined;
  try {
    const http = load('node:http') as { request: RequestFunction } | undefined;
    const https = load('node:https') as { request: RequestFunction } | undefined;
    const zlib = load('node:zlib') as ZlibModule | undefined;
    const buffer = load('node:buffer') as BufferModule | undefined;
    const strings = load('node:string_decoder') as StringDecoderModule | undefined;
    if (http === undefined || https === undefined || zlib === undefined || buffer === undefined) return undefined;
    if (strings === undefined) return undefined;
    return {
      http: http.request,
      https: https.request,
      zlib,
      buffer: buffer.Buffer,
      StringDecoder: strings.StringDecoder,
    };
  } catch {
    return undefined;
  }
}

function headersOf(raw: RawHeaders): ResponseHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return typeof value === 'string' ? value : value.join(', ');
    },
  };
}

/** A decoder for `encoding`, `null` for none, `undefined` for one this wire cannot decode. */
function decoderFor(zlib: ZlibModule, encoding: string | readonly string[] | undefined): Decoder | null | undefined {
  if (typeof encoding !== 'string' && encoding !== undefined) return undefined;
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      // Lenient flushing, as browsers and undici decode: a body cut at a block boundary still reads.
      return zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

const BOM = 0xfeff;

/**
 * Bytes of body past which the text is decoded chunk by chunk and joined as a rope, instead of copying
 * the chunks into one buffer and decoding that. One buffer is faster for a 7 MB catalogue (0.93x raw
 * fetch + JSON.parse against 1.06-1.16x as a rope); for a 37 MB one, a second 37 MB of external memory
 * (the copy) set off a full garbage collection while the answer was being read: 1.23-1.29x with the
 * copy, 1.00-1.11x as a rope (bench/catalogue.ts, run with each way in turn).
 */
const ROPE_FROM_BYTES = 16 * 1024 * 1024;

/** Asked for besides the caller's headers, as `fetch` asks by itself (deflate, ambiguous between zlib and raw, is decoded as zlib if sent anyway). */
const ACCEPT_ENCODING = 'gzip, br';

/** The node:http wire, or `undefined` where node:http is not Node's own (browsers, workers, Bun, Deno, Node < 20.16). */
export function nodeWire(): Wire | undefined {
  const modules = nodeModules();
  if (modules === undefined) return undefined;
  const { http, https, zlib, buffer, StringDecoder } = modules;
  return (request: WireRequest) =>
    new Promise<WireResponse>((resolve, reject) => {
      const { signal, limit, operation } = request;
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const headers: Record<string, string | number> = { ...request.headers, 'accept-encoding': ACCEPT_ENCODING };
      if (request.body !== undefined) headers['content-length'] = buffer.byteLength(request.body);
      let settled = false;
      let client: ClientRequest | undefined;
      let decoder: Decoder | null | undefined;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        client?.destroy();
        decoder?.destroy();
        reject(error);
      };
      const onAbort = () => fail(signal.reason);
      signal.addEventListener('abort', onAbort);
      const onResponse = (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (isRedirectStatus(status)) {
          fail(new HuurayRedirectError(operation, status));
          return;
        }
        const tooLarge = () => fail(new HuurayResponseTooLargeError(operation, status, limit));
        decoder = decoderFor(zlib, response.headers['content-encoding']);
        if (decoder === undefined) {
          fail(new Error(`unsupported content-encoding: ${String(response.headers['content-encoding']).slice(0, 40)}`));
          return;
        }
        const declared = decoder === null ? Number(response.headers['content-length'] ?? Number.NaN) : Number.NaN;
        if (declared > limit) {
          tooLarge();
          return;
        }
        const chunks: NodeBuffer[] = [];
        let seen = 0;
        // Set once the body passes ROPE_FROM_BYTES; it keeps a character cut between two chunks.
        let utf8: StringDecoder | undefined;
        let rope = '';
        const onData = (chunk: NodeBuffer) => {
          seen += chunk.byteLength;
          if (seen > limit) tooLarge();
          else if (utf8 !== undefined) rope += utf8.write(chunk);
          else {
            chunks.push(chunk);
            if (seen <= ROPE_FROM_BYTES) return;
            utf8 = new StringDecoder('utf8');
            for (const gathered of chunks) rope += utf8.write(gathered);
            chunks.length = 0;
          }
        };
        const onEnd = () => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          let text: string;
          if (utf8 !== undefined) text = rope + utf8.end();
          else text = (chunks.length === 1 ? (chunks[0] as NodeBuffer) : buffer.concat(chunks, seen)).toString('utf8');
          if (text.charCodeAt(0) === BOM) text = text.slice(1);
          resolve({ status, headers: headersOf(response.headers), text });
        };
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail(new Error('the connection closed before the whole answer came'));
        });
        if (decoder === null) {
          response.on('data', onData);
          response.on('end', onEnd);
          return;
        }
        const inflating = decoder;
        inflating.on('data', onData);
        inflating.on('end', onEnd);
        inflating.on('error', fail);
        response.on('data', (chunk: Uint8Array) => {
          if (!settled) inflating.write(chunk);
        });
        response.on('end', () => inflating.end());
      };
      try {
        const send = request.url.startsWith('https:') ? https : http;
        client = send(request.url, { method: request.method, headers }, onResponse);
      } catch (error) {
        fail(error);
        return;
      }
      client.on('error', fail);
      client.end(request.body);
    });
}
