/**
 * A sandbox in a process of its own, driven by its parent over IPC (see sandbox-process.ts), so that
 * workers and the test share one Huuray stand-in that none of them can crash or slow down.
 */
import { type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import type { SandboxCommand } from './sandbox-process.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);

function answer(command: SandboxCommand): unknown {
  const { state } = sandbox;
  switch (command.kind) {
    case 'orders':
      return state.orders().map((o) => ({
        orderUid: o.orderUID,
        refId: o.refId,
        value: o.value,
        currency: o.currency,
        createdAt: o.createdAt,
      }));
    case 'log':
      return state.requestLog.map((e) => ({ time: e.time, operation: e.operation, status: e.status, fault: e.fault }));
    case 'next-fault':
      state.faults.next(command.operation, command.fault, command.times ?? 1);
      return null;
    case 'fault-rate':
      state.faults.setRate(command.operation, command.rate ?? undefined);
      return null;
    case 'set-balance':
      state.setBalance(command.currency, command.minor);
      return null;
    case 'balance':
      return state.balance(command.currency) ?? null;
    case 'cpu':
      return process.cpuUsage();
  }
}

process.on('message', (message: { id: number; command: SandboxCommand }) => {
  let reply: { id: number; result?: unknown; error?: string };
  try {
    reply = { id: message.id, result: answer(message.command) };
  } catch (error) {
    reply = { id: message.id, error: String(error) };
  }
  process.send?.(reply);
});
process.once('disconnect', () => void sandbox.close().then(() => process.exit(0)));
process.send?.({ ready: { url: sandbox.url, token: sandbox.token, secret: sandbox.secret } });
