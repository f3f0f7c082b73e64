import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignFileError, type CampaignParams, parseRecipients } from '../../src/campaign/index.js';
import { Huuray, HuurayValidationError, MemoryLedger } from '../../src/index.js';
import { orderInput } from '../../src/inputs/order-input.js';
import { orderOfSend, sendInput } from '../../src/workflows/send.js';
import { json, startTestServer, type TestServer } from '../helpers/http-server.js';

// Every facade input, every per-call option and every CSV row: invalid input is a HuurayValidationError
// naming the field, and no request reaches the server. Each property replaces one field of a valid input
// with a value that field must refuse. fast-check prints its seed when a property fails.

let server: TestServer;
let huuray: Huuray;
beforeAll(async () => {
  server = await startTestServer((_request, res) =>
    json(res, 500, { Status: 500, StatusMessage: 'must not be reached' }),
  );
  huuray = new Huuray({
    token: 'tok_props',
    secret: 'sec_props_0123456789',
    baseUrl: server.url,
    ledger: new MemoryLedger(),
  });
});
afterAll(() => server.close());

const RUNS = { numRuns: 60 };
const all = async (calls: Promise<void>[]): Promise<void> => {
  await Promise.all(calls);
};
const INT32_MAX = 2 ** 31 - 1;

const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
const badMinor = fc.oneof(
  fc.double({ noInteger: true, noDefaultInfinity: false }),
  fc.integer({ max: 0 }),
  fc.nat().map((n) => INT32_MAX + 1 + n),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
  fc.string(),
);
const badCurrency = fc.oneof(
  fc.string({ maxLength: 2 }),
  fc.string({ minLength: 4, maxLength: 8 }).filter((s) => !/^[A-Za-z]{3}$/.test(s)),
  fc.constantFrom('1AB', 'D K', 'ÆØÅ'),
  notAString,
);
const badRefId = fc.oneof(
  fc.constant(''),
  fc.string({ minLength: 101, maxLength: 140 }),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => ` ${s}`),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s} `),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `é${s}`),
  fc.constantFrom('tab\there', 'new\nline'),
  notAString,
);
const badPositiveInt = fc.oneof(
  fc.integer({ max: 0 }),
  fc.double({ noInteger: true }),
  fc.nat().map((n) => INT32_MAX + 1 + n),
  fc.string(),
  fc.constant(null),
);
const badToken = fc.oneof(fc.constantFrom('', '   '), notAString);
const badRecipient = fc.oneof(
  fc.constantFrom(null, {}, { name: 'Ada' }, { email: 'not-an-email' }, { phone: '12' }, 'ada@example.com'),
  fc.constant({ email: 'ada@example.com', unknown: 1 }),
  fc.string({ minLength: 201, maxLength: 220 }).map((name) => ({ name, email: 'ada@example.com' })),
);
const badDate = fc.oneof(
  fc.date({ max: new Date(Date.now() - 60_000), noInvalidDate: true }),
  fc.constantFrom('yesterday', '2001-01-01T00:00:00Z', 42, null),
);
const badDuration = fc.oneof(
  fc.integer({ max: 0 }),
  fc.double({ noInteger: true }),
  fc.nat().map((n) => INT32_MAX + 1 + n),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, '100', null),
);
const badDelay = fc.oneof(
  fc.integer({ max: -1 }),
  fc.double({ noInteger: true }),
  fc.nat().map((n) => INT32_MAX + 1 + n),
);

async function refused(call: () => Promise<unknown>, field: string): Promise<void> {
  const before = server.requests.length;
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HuurayValidationError);
  const paths = (error as HuurayValidationError).issues.map((i) => i.path);
  expect(
    paths.some((p) => p === field || p.startsWith(`${field}.`)),
    `${paths.join(', ')} should name ${field}`,
  ).toBe(true);
  expect(server.requests.length).toBe(before);
}

const gift = {
  productToken: 'prod_abc',
  valueMinor: 5000,
  currency: 'DKK',
  templateId: 12,
  recipient: { name: 'Ada', email: 'ada@example.com' },
  refId: 'props-1',
};
const sendFields = {
  productToken: badToken,
  valueMinor: badMinor,
  currency: badCurrency,
  templateId: badPositiveInt,
  recipient: badRecipient,
  refId: badRefId,
  message: fc.oneof(fc.string({ minLength: 1001, maxLength: 1100 }), fc.integer()),
  deliverAt: badDate,
};

describe('send, issue and orders refuse every invalid field before any request', () => {
  for (const [field, bad] of Object.entries(sendFields)) {
    it(`send: ${field}`, () =>
      fc.assert(
        fc.asyncProperty(bad, (value) => refused(() => huuray.send({ ...gift, [field]: value } as never), field)),
        RUNS,
      ));
  }

  it('send: an unknown field', () =>
    fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in gift) && !['message', 'deliverAt'].includes(k)),
        (key) => refused(() => huuray.send({ ...gift, [key]: 1 } as never), key),
      ),
      RUNS,
    ));

  const codes = { productToken: 'prod_abc', valueMinor: 5000, currency: 'DKK', quantity: 30, refId: 'props-i' };
  const issueFields = {
    productToken: badToken,
    valueMinor: badMinor,
    currency: badCurrency,
    quantity: fc.oneof(badPositiveInt, fc.integer({ min: 100_001, max: INT32_MAX })),
    refId: fc.oneof(
      badRefId,
      fc.string({ minLength: 91, maxLength: 100 }).filter((s) => /^[\x21-\x7E]+$/.test(s)),
    ),
    concurrency: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 33 }), fc.double({ noInteger: true })),
  };
  for (const [field, bad] of Object.entries(issueFields)) {
    it(`issue: ${field}`, () =>
      fc.assert(
        fc.asyncProperty(bad, (value) => refused(() => huuray.issue({ ...codes, [field]: value } as never), field)),
        RUNS,
      ));
  }

  const order = { productToken: 'prod_abc', valueMinor: 5000, currency: 'DKK', quantity: 1, sync: true, refId: 'o1' };
  const orderFields = {
    productToken: badToken,
    valueMinor: badMinor,
    currency: badCurrency,
    quantity: fc.oneof(badPositiveInt, fc.integer({ min: 26, max: 1000 })),
    sync: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    refId: badRefId,
    templateId: fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.string()),
    expiresAt: badDate,
    recipients: fc.oneof(fc.constant('ada'), fc.array(badRecipient, { minLength: 1, maxLength: 3 })),
  };
  for (const [field, bad] of Object.entries(orderFields)) {
    it(`orders.create: ${field}`, () =>
      fc.assert(
        fc.asyncProperty(bad, (value) =>
          refused(() => huuray.orders.create({ ...order, [field]: value } as never), field),
        ),
        RUNS,
      ));
  }

  it('orders.find, resend, cancel and revealCodes: bad targets', async () => {
    await refused(() => huuray.orders.find({} as never), '');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.double({ noInteger: true }), fc.string()), (voucherId) =>
        refused(() => huuray.orders.find({ voucherId } as never), 'voucherId'),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(''), notAString), (orderUid) =>
        all([
          refused(() => huuray.orders.resend({ orderUid } as never), 'orderUid'),
          refused(() => huuray.orders.cancel({ orderUid } as never), 'orderUid'),
          refused(() => huuray.revealCodes(orderUid as never), 'orderUid'),
        ]),
      ),
      RUNS,
    );
  });

  it('catalogue, stock and exchangeRate: bad queries', async () => {
    for (const query of [null, 5, 'all', { all: 'yes' }, { all: 1 }, { everything: true }]) {
      const field = typeof query === 'object' && query !== null ? (Object.keys(query)[0] ?? '') : '';
      await refused(() => huuray.catalogue(query as never), field);
    }
    await fc.assert(
      fc.asyncProperty(badToken, badMinor, (productToken, valueMinor) =>
        all([
          refused(() => huuray.stock({ productToken } as never), 'productToken'),
          refused(() => huuray.stock({ productToken: 'prod_abc', valueMinor } as never), 'valueMinor'),
        ]),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(badCurrency, (code) =>
        all([
          refused(() => huuray.exchangeRate({ from: code, to: 'DKK' } as never), 'from'),
          refused(() => huuray.exchangeRate({ from: 'EUR', to: code } as never), 'to'),
        ]),
      ),
      RUNS,
    );
  });
});

describe('per-call options are checked like the constructor, for every method', () => {
  const options = {
    timeoutMs: badDuration,
    signal: fc.oneof(fc.string(), fc.integer(), fc.constant({ aborted: false })),
    'reconcile.checks': fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 101 }), fc.double({ noInteger: true })),
    'reconcile.maxOrderAttempts': fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 11 }), fc.constant(1e9)),
    'reconcile.settleDelayMs': badDelay,
    'reconcile.quarantineMs': badDelay,
    'reconcile.checkExisting': fc.oneof(fc.string(), fc.integer()),
    priorAttemptAt: fc.oneof(fc.string(), fc.integer({ max: -1 }), fc.constant(new Date(Number.NaN))),
  };
  const placing = {
    send: (o: unknown) => huuray.send(gift, o as never),
    issue: (o: unknown) =>
      huuray.issue(
        { productToken: 'prod_abc', valueMinor: 5000, currency: 'DKK', quantity: 3, refId: 'p-o' },
        o as never,
      ),
  };
  for (const [name, call] of Object.entries(placing)) {
    for (const [field, bad] of Object.entries(options)) {
      it(`${name}: ${field}`, () =>
        fc.assert(
          fc.asyncProperty(bad, (value) => {
            const [top, inner] = field.split('.') as [string, string | undefined];
            const o = inner === undefined ? { [top]: value } : { [top]: { [inner]: value } };
            return refused(() => call(o), field);
          }),
          RUNS,
        ));
    }
  }

  const reads = {
    balances: (o: unknown) => huuray.balances(o as never),
    catalogue: (o: unknown) => huuray.catalogue({}, o as never),
    templates: (o: unknown) => huuray.templates(o as never),
    stock: (o: unknown) => huuray.stock({ productToken: 'prod_abc' }, o as never),
    exchangeRate: (o: unknown) => huuray.exchangeRate({ from: 'EUR', to: 'DKK' }, o as never),
    'orders.find': (o: unknown) => huuray.orders.find({ refId: 'x' }, o as never),
    'orders.create': (o: unknown) =>
      huuray.orders.create({ productToken: 'p', valueMinor: 1, currency: 'DKK', quantity: 1, sync: true }, o as never),
    'orders.resend': (o: unknown) => huuray.orders.resend({ orderUid: 'u' }, o as never),
    'orders.cancel': (o: unknown) => huuray.orders.cancel({ orderUid: 'u' }, o as never),
    revealCodes: (o: unknown) => huuray.revealCodes('u', o as never),
  };
  for (const [name, call] of Object.entries(reads)) {
    it(`${name}: timeoutMs and signal`, () =>
      fc.assert(
        fc.asyncProperty(badDuration, fc.oneof(fc.string(), fc.integer()), async (timeoutMs, signal) => {
          await refused(() => call({ timeoutMs }), 'timeoutMs');
          await refused(() => call({ signal }), 'signal');
        }),
        RUNS,
      ));
  }
});

describe('every CSV row is checked before anything is sent', () => {
  const params: CampaignParams = { productToken: 'prod_abc', currency: 'DKK', valueMinor: 5000, templateId: 12 };
  const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const badCells = {
    email: fc.oneof(
      fc.constantFrom('', 'not-an-email', 'a@', '@b.dk'),
      fc.string({ maxLength: 10 }).filter((s) => !s.includes('@')),
    ),
    name: fc.constantFrom('', '   ', 'x'.repeat(201)),
    value: fc.oneof(
      fc.constantFrom('abc', '-5', '0', '1.234', '1e3', '99999999999'),
      fc.double({ noInteger: true }).map((d) => d.toFixed(5)),
    ),
    refId: fc.oneof(
      fc.string({ minLength: 101, maxLength: 120 }).filter((s) => s.trim() !== '' && !/["\r\n]/.test(s)),
      fc.constantFrom('é-1', 'a\tb'),
    ),
  };
  for (const [column, bad] of Object.entries(badCells)) {
    it(`a bad ${column} on any line is refused, naming the line and the column`, () =>
      fc.assert(
        fc.property(bad, fc.integer({ min: 0, max: 4 }), (value, index) => {
          const rows = Array.from({ length: 5 }, (_, i) => ({
            name: `P${i}`,
            email: `p${i}@example.com`,
            value: '50.00',
            refId: `r${i}`,
          }));
          (rows[index] as Record<string, string>)[column] = value;
          const text = [
            'name,email,value,refId',
            ...rows.map((r) => [r.name, r.email, r.value, r.refId].map(cell).join(',')),
          ];
          let error: unknown;
          try {
            parseRecipients(Buffer.from(text.join('\n')), 'props', params);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(CampaignFileError);
          expect(error).toBeInstanceOf(HuurayValidationError);
          const issue = (error as CampaignFileError).issues.find((i) => i.path === `line ${index + 2}`);
          expect(issue?.message.toLowerCase()).toContain(column === 'refId' ? 'ref' : column);
        }),
        RUNS,
      ));
  }
});

describe('what a checked send places', () => {
  // send() builds its order from the checked send input instead of parsing it again with orderInput;
  // that is sound only while orderInput would accept that order and hand back the very same one.
  const printable = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}[\x21-\x7e]$/);
  const validSend = fc.record(
    {
      productToken: fc.stringMatching(/^ ?[A-Za-z0-9-]{1,40} ?$/),
      valueMinor: fc.integer({ min: 1, max: INT32_MAX }),
      currency: fc.stringMatching(/^[A-Za-z]{3}$/),
      recipient: fc.oneof(
        fc.record({ name: fc.string({ maxLength: 200 }), email: fc.constantFrom('ada@example.com', 'B.C@d.dk') }),
        fc.record({ phone: fc.constantFrom('+4512345678', '12 34 56 78') }, { requiredKeys: ['phone'] }),
      ),
      templateId: fc.integer({ min: 1, max: INT32_MAX }),
      refId: printable,
      message: fc.string({ maxLength: 1000 }),
      deliverAt: fc.date({ min: new Date(Date.now() + 3_600_000), max: new Date('2099-01-01'), noInvalidDate: true }),
    },
    { requiredKeys: ['productToken', 'valueMinor', 'currency', 'recipient', 'templateId', 'refId'] },
  );

  it('is exactly what orderInput makes of it, for any valid send input', () =>
    fc.assert(
      fc.property(validSend, (input) => {
        const order = orderOfSend(sendInput.parse(input));
        expect(orderInput.parse(order)).toEqual(order);
      }),
      RUNS,
    ));
});
