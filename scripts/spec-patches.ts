/**
 * Named, reasoned changes applied to Huuray's published spec before generation.
 *
 * The vendored file in `openapi/` stays byte-for-byte what Huuray publishes; every
 * difference between it and what the generators see is one entry here. A patch
 * whose precondition no longer holds throws, so a changed upstream spec stops
 * generation instead of being silently mis-patched.
 */

/** A JSON-like OpenAPI document, loosely typed: patches check every shape they touch. */
export type SpecNode = { [key: string]: unknown };

export interface SpecPatch {
  readonly name: string;
  readonly reason: string;
  /** Mutates `spec`; throws `PatchNoLongerAppliesError` when the spec has changed under it. */
  readonly apply: (spec: SpecNode) => void;
}

export class PatchNoLongerAppliesError extends Error {
  constructor(patch: string, detail: string) {
    super(`spec patch "${patch}" no longer applies: ${detail}`);
    this.name = 'PatchNoLongerAppliesError';
  }
}

/** The upstream spec now does what the patch did: drop the patch rather than fix it. */
export class PatchNoLongerNeededError extends PatchNoLongerAppliesError {
  constructor(patch: string, detail: string) {
    super(patch, detail);
    this.name = 'PatchNoLongerNeededError';
  }
}

export const PRODUCTION_BASE_URL = 'https://api.huuray.com';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const SIGNING_HEADERS = { 'X-API-NONCE': 'ApiNonce', 'X-API-HASH': 'ApiHash' } as const;

function isNode(value: unknown): value is SpecNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(node: SpecNode, key: string, patch: string, where: string): SpecNode {
  const value = node[key];
  if (!isNode(value)) throw new PatchNoLongerAppliesError(patch, `${where}.${key} is not an object`);
  return value;
}

/** Every operation object of the spec with its method and path. */
export function operationsOf(spec: SpecNode, patch: string): { method: string; path: string; op: SpecNode }[] {
  const paths = child(spec, 'paths', patch, '$');
  const found: { method: string; path: string; op: SpecNode }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isNode(item)) throw new PatchNoLongerAppliesError(patch, `path item ${path} is not an object`);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isNode(op)) found.push({ method, path, op });
    }
  }
  if (found.length === 0) throw new PatchNoLongerAppliesError(patch, 'the spec has no operations');
  return found;
}

function resolveLocalRef(spec: SpecNode, ref: string, patch: string): SpecNode {
  if (!ref.startsWith('#/')) throw new PatchNoLongerAppliesError(patch, `non-local $ref ${ref}`);
  let node: SpecNode = spec;
  for (const segment of ref.slice(2).split('/')) node = child(node, segment, patch, ref);
  return node;
}

const servers: SpecPatch = {
  name: 'servers',
  reason:
    "The published spec has no `servers` block; Huuray's own clients use https://api.huuray.com (HUURAY-FACTS S1). " +
    'Declaring it lets the typed client default to production without a hand-written constant drifting from the spec.',
  apply(spec) {
    if (spec.servers !== undefined) {
      throw new PatchNoLongerNeededError(
        'servers',
        'the spec now declares its own servers; review and drop this patch',
      );
    }
    spec.servers = [{ url: PRODUCTION_BASE_URL, description: 'Huuray production' }];
  },
};

const signingHeadersAsSecurity: SpecPatch = {
  name: 'signing-headers-as-security',
  reason:
    'X-API-NONCE and X-API-HASH are declared as schema-less header parameters on every operation, so a typed client ' +
    'would make every caller pass them. They are credentials computed per attempt by the signing middleware, so they ' +
    'move to security schemes beside X-API-TOKEN and callers never see them.',
  apply(spec) {
    const name = 'signing-headers-as-security';
    const components = child(spec, 'components', name, '$');
    const schemes = child(components, 'securitySchemes', name, '$.components');
    if (!isNode(schemes.ApiToken)) throw new PatchNoLongerAppliesError(name, 'securityScheme ApiToken is gone');
    for (const [header, scheme] of Object.entries(SIGNING_HEADERS)) {
      if (schemes[scheme] !== undefined)
        throw new PatchNoLongerAppliesError(name, `securityScheme ${scheme} already exists`);
      schemes[scheme] = {
        type: 'apiKey',
        in: 'header',
        name: header,
        description:
          header === 'X-API-NONCE'
            ? 'Single-use random value (1-50 visible ASCII characters), fresh for every attempt.'
            : 'Lowercase hex SHA-512 of UTF-8(API secret + nonce).',
      };
    }
    for (const { method, path, op } of operationsOf(spec, name)) {
      const where = `${method.toUpperCase()} ${path}`;
      const parameters = op.parameters;
      if (!Array.isArray(parameters)) throw new PatchNoLongerAppliesError(name, `${where} has no parameters`);
      for (const header of Object.keys(SIGNING_HEADERS)) {
        const matches = parameters.filter((p) => isNode(p) && p.in === 'header' && p.name === header);
        if (matches.length !== 1)
          throw new PatchNoLongerAppliesError(name, `${where} does not declare header ${header} once`);
      }
      const rest = parameters.filter(
        (p) => !(isNode(p) && p.in === 'header' && typeof p.name === 'string' && p.name in SIGNING_HEADERS),
      );
      if (rest.length > 0) op.parameters = rest;
      else delete op.parameters;
      const security = op.security;
      if (!Array.isArray(security) || security.length !== 1 || !isNode(security[0]) || !('ApiToken' in security[0])) {
        throw new PatchNoLongerAppliesError(name, `${where} security is not the single ApiToken requirement`);
      }
      op.security = [{ ApiToken: [], ApiNonce: [], ApiHash: [] }];
    }
  },
};

const requiredRequestBodies: SpecPatch = {
  name: 'required-request-bodies',
  reason:
    'Request bodies are declared optional even where their schema has required properties (Order, Cancel, Resend, ' +
    'Stock); an absent body can only be a 400, so the typed client makes such bodies required at compile time.',
  apply(spec) {
    const name = 'required-request-bodies';
    let changed = 0;
    for (const { method, path, op } of operationsOf(spec, name)) {
      const body = op.requestBody;
      if (body === undefined) continue;
      if (!isNode(body)) throw new PatchNoLongerAppliesError(name, `${method} ${path} requestBody is not an object`);
      const content = child(body, 'content', name, `${method} ${path}.requestBody`);
      const media = child(content, 'application/json', name, `${method} ${path}.requestBody.content`);
      const schemaRef = child(media, 'schema', name, `${method} ${path}...application/json`).$ref;
      if (typeof schemaRef !== 'string')
        throw new PatchNoLongerAppliesError(name, `${method} ${path} body schema is not a $ref`);
      const schema = resolveLocalRef(spec, schemaRef, name);
      const required = schema.required;
      if (Array.isArray(required) && required.length > 0) {
        if (body.required === true)
          throw new PatchNoLongerAppliesError(name, `${method} ${path} body is already required`);
        body.required = true;
        changed += 1;
      }
    }
    if (changed === 0)
      throw new PatchNoLongerNeededError(name, 'no optional request body with required properties is left');
  },
};

const int64AsSafeInteger: SpecPatch = {
  name: 'int64-as-safe-integer',
  reason:
    '`format: int64` (BalanceItem.Balance) is a JSON number: JSON.parse yields a JS number and openapi-typescript types ' +
    'it as `number`, but @hey-api/openapi-ts maps int64 to `z.coerce.bigint()` (hey-api/openapi-ts#1802), so the zod ' +
    'output would disagree with the types. Balances in minor units stay far below 2^53, so int64 fields are declared as ' +
    'safe integers for both generators.',
  apply(spec) {
    const name = 'int64-as-safe-integer';
    const schemas = child(child(spec, 'components', name, '$'), 'schemas', name, '$.components');
    let changed = 0;
    for (const schema of Object.values(schemas)) {
      if (!isNode(schema) || !isNode(schema.properties)) continue;
      for (const property of Object.values(schema.properties)) {
        if (isNode(property) && property.type === 'integer' && property.format === 'int64') {
          delete property.format;
          property.minimum = Number.MIN_SAFE_INTEGER;
          property.maximum = Number.MAX_SAFE_INTEGER;
          changed += 1;
        }
      }
    }
    if (changed === 0) throw new PatchNoLongerNeededError(name, 'no int64 property is left');
  },
};

/** Applied in order. */
export const SPEC_PATCHES: readonly SpecPatch[] = [
  servers,
  signingHeadersAsSecurity,
  requiredRequestBodies,
  int64AsSafeInteger,
];

/** Returns a normalised deep copy; the input is left untouched. */
export function normaliseSpec(published: SpecNode, patches: readonly SpecPatch[] = SPEC_PATCHES): SpecNode {
  const spec = structuredClone(published);
  for (const patch of patches) patch.apply(spec);
  return spec;
}
