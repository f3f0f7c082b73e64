/**
 * The wire over node:http and node:https, used on Node.js unless the caller asks for `fetch`. Per
 * request it costs well under half the CPU of Node's `fetch` (undici and web streams), which is what
 * limits bulk sending from one process. It keeps the fetch wire's rules: redirects are never followed,
 * the decoded body is counted and cut at the limit, a gzip/deflate/br answer is decoded, a leading
 * byte order mark is dropped as `Response.text()` drops it, and calling the attempt off rejects with
 * its reason at any point until the whole body is in. Requests go through the module's `globalAgent`
 * (keep-alive since Node 19), so an agent the application installed there (a proxy agent, say) is used.
 *
 * The modules come from `process.getBuiltinModule` (Node >= 20.16), not from an import, so the client
 * entry still loads on runtimes without them; `nodeWire()` is `undefined` there.
 */
import { builtinModule } from './builtin-module.js';
import { HuurayRedirectError, HuurayResponseTooLargeError } from './errors/response-errors.js';
import { isRedirectStatus } from './guarded-fetch.js';
import type { Wire, WireRequest, WireResponse } from './wire.js';

// The few members of node:http, node:zlib and node:buffer this wire uses, declared here so that the
// client entry's graph and declarations stay free of Node's types (the entry is edge-safe).
type Listener = (...args: never[]) => void;
interface Emitter {
  on(event: string, listener: Listener): unknown;
}
interface IncomingMessage extends Emitter {
  readonly statusCode?: number | undefined;
  /** Names and values in turn, as received. */
  readonly rawHeaders: readonly string[];
  readonly complete: boolean;
}
interface ClientRequest extends Emitter {
  end(body?: string): unknown;
  destroy(): unknown;
}
/** Where requests go, parsed once per origin rather than from a URL string per request. */
interface Target {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
}
type RequestFunction = (
  options: Target & { path: string; method: string; headers: Record<string, string | number> },
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
}

/** node:http and friends on Node.js itself; Bun and Deno have their own, faster, `fetch`. */
function nodeModules(): NodeModules | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc?.versions?.node === undefined || proc.versions.bun !== undefined) return undefined;
  if ('Deno' in globalThis) return undefined;
  const http = builtinModule('node:http') as { request: RequestFunction } | undefined;
  const https = builtinModule('node:https') as { request: RequestFunction } | undefined;
  const zlib = builtinModule('node:zlib') as ZlibModule | undefined;
  const buffer = builtinModule('node:buffer') as BufferModule | undefined;
  const strings = builtinModule('node:string_decoder') as StringDecoderModule | undefined;
  if (http === undefined || https === undefined || zlib === undefined || buffer === undefined) return undefined;
  if (strings === undefined) return undefined;
  return {
    http: http.request,
    https: https.request,
    zlib,
    buffer: buffer.Buffer,
    StringDecoder: strings.StringDecoder,
  };
}

/**
 * The value of header `name` in `raw` (names and values in turn), repeated ones joined with `, ` as
 * `Headers.get` joins them; `null` when absent. Read from the raw list: Node builds its `headers`
 * object on first use, and only two or three headers are ever read.
 */
function headerIn(raw: readonly string[], name: string): string | null {
  const wanted = name.toLowerCase();
  let value: string | null = null;
  for (let at = 0; at + 1 < raw.length; at += 2) {
    if ((raw[at] as string).toLowerCase() !== wanted) continue;
    value = value === null ? (raw[at + 1] as string) : `${value}, ${raw[at + 1] as string}`;
  }
  return value;
}

/** The protocol, host and port of `origin` (`scheme://host[:port]`), as node:http takes them. */
function targetOf(origin: string): Target {
  const url = new URL(origin);
  // node:http wants an IPv6 address without its brackets, as its own URL handling passes it.
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { protocol: url.protocol, hostname, port: url.port };
}

/** A decoder for `encoding`, `null` for none, `undefined` for one this wire cannot decode. */
function decoderFor(zlib: ZlibModule, encoding: string | null): Decoder | null | undefined {
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
  // A client sends to one origin: its parse is kept rather than redone from a URL string per request.
  let lastOrigin = '';
  let lastTarget: Target | undefined;
  return (request: WireRequest) =>
    new Promise<WireResponse>((resolve, reject) => {
      const { abort, limit, operation } = request;
      if (abort.aborted) {
        reject(abort.reason);
        return;
      }
      // Object.assign rather than a spread: V8 copies these header names an order of magnitude faster.
      const headers: Record<string, string | number> = Object.assign({}, request.headers);
      headers['accept-encoding'] = ACCEPT_ENCODING;
      if (request.body !== undefined) headers['content-length'] = buffer.byteLength(request.body);
      let settled = false;
      let client: ClientRequest | undefined;
      let decoder: Decoder | null | undefined;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        abort.onAbort(undefined);
        client?.destroy();
        decoder?.destroy();
        reject(error);
      };
      abort.onAbort(fail);
      const onResponse = (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (isRedirectStatus(status)) {
          fail(new HuurayRedirectError(operation, status));
          return;
        }
        const tooLarge = () => fail(new HuurayResponseTooLargeError(operation, status, limit));
        const raw = response.rawHeaders;
        const encoding = headerIn(raw, 'content-encoding');
        decoder = decoderFor(zlib, encoding);
        if (decoder === undefined) {
          fail(new Error(`unsupported content-encoding: ${String(encoding).slice(0, 40)}`));
          return;
        }
        const declared = decoder === null ? Number(headerIn(raw, 'content-length') ?? Number.NaN) : Number.NaN;
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
          abort.onAbort(undefined);
          let text: string;
          if (utf8 !== undefined) text = rope + utf8.end();
          else text = (chunks.length === 1 ? (chunks[0] as NodeBuffer) : buffer.concat(chunks, seen)).toString('utf8');
          if (text.charCodeAt(0) === BOM) text = text.slice(1);
          resolve({ status, headers: { get: (name) => headerIn(raw, name) }, text });
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
        const url = request.url;
        // The path starts at the first slash after `scheme://`; the URLs come from a normalised base URL.
        const pathAt = url.indexOf('/', url.indexOf('//') + 2);
        const origin = pathAt === -1 ? url : url.slice(0, pathAt);
        if (origin !== lastOrigin || lastTarget === undefined) {
          lastTarget = targetOf(origin);
          lastOrigin = origin;
        }
        const send = lastTarget.protocol === 'https:' ? https : http;
        const path = pathAt === -1 ? '/' : url.slice(pathAt);
        client = send({ ...lastTarget, path, method: request.method, headers }, onResponse);
      } catch (error) {
        fail(error);
        return;
      }
      client.on('error', fail);
      client.end(request.body);
    });
}
