/** A loopback HTTP server answering every request with a fixed body, so the server's own cost is the same for every variant. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixedServer {
  readonly url: string;
  /** Replaces the body served from now on. */
  setBody(body: string): void;
  close(): Promise<void>;
}

export async function startFixedServer(initial: string): Promise<FixedServer> {
  let body = Buffer.from(initial);
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setBody(next) {
      body = Buffer.from(next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
