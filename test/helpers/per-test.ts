import { afterEach } from 'vitest';

/**
 * Wraps a server starter so every server it starts is closed after its test, pass or fail, without
 * each test file keeping its own `let server` and `afterEach`.
 */
export function closedAfterEach<A extends unknown[], S extends { close(): Promise<void> }>(
  start: (...args: A) => Promise<S>,
): (...args: A) => Promise<S> {
  const open: S[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (...args) => {
    const server = await start(...args);
    open.push(server);
    return server;
  };
}
