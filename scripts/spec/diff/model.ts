/**
 * A flat model of the parts of an OpenAPI 3.0.x document this client depends on: operations,
 * parameters, bodies, responses, component schemas, security and servers.
 *
 * Inline object schemas (a multipart upload body) are hoisted as schemas named `(inline <where>)`.
 * It fails closed: a keyword it does not know (allOf, oneOf, a `not`...) is an
 * `UnsupportedShapeError` naming where it was found, never silently skipped, so the change report
 * cannot call a change it did not understand "no change".
 */
import type { SpecNode } from '../../spec-patches.js';

export class UnsupportedShapeError extends Error {
  constructor(where: string, detail: string) {
    super(`the spec differ does not understand ${where}: ${detail}; review this change by hand`);
    this.name = 'UnsupportedShapeError';
  }
}

/** One value's shape: a property, a parameter's schema, array items or a whole value schema. */
export interface Shape {
  readonly type: string | null;
  readonly format: string | null;
  readonly nullable: boolean;
  readonly enum: readonly string[] | null;
  readonly ref: string | null;
  readonly items: Shape | null;
  /** minLength, maximum, pattern... as canonical JSON, `{}` when none. */
  readonly constraints: string;
}

export interface ObjectSchema {
  readonly kind: 'object';
  readonly properties: ReadonlyMap<string, Shape>;
  readonly required: ReadonlySet<string>;
  readonly additionalProperties: boolean;
}

export type SchemaModel = ObjectSchema | { readonly kind: 'value'; readonly shape: Shape };

export interface ParameterModel {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly shape: Shape | null;
}

export interface ResponseModel {
  /** Media type -> shape of its schema (usually a `$ref`). */
  readonly content: ReadonlyMap<string, Shape>;
  readonly headers: readonly string[];
}

export interface OperationModel {
  readonly parameters: ReadonlyMap<string, ParameterModel>;
  readonly body: { readonly required: boolean; readonly content: ReadonlyMap<string, Shape> } | null;
  readonly responses: ReadonlyMap<string, ResponseModel>;
  /** Canonical JSON of the operation's security requirements (`null`: inherits the document's). */
  readonly security: string | null;
}

export interface SpecModel {
  /** Keyed `METHOD /path`. */
  readonly operations: ReadonlyMap<string, OperationModel>;
  readonly schemas: ReadonlyMap<string, SchemaModel>;
  readonly securitySchemes: ReadonlyMap<string, string>;
  readonly security: string | null;
  readonly servers: readonly string[];
}

const EMPTY_SHAPE: Shape = {
  type: null,
  format: null,
  nullable: false,
  enum: null,
  ref: null,
  items: null,
  constraints: '{}',
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const DOC_KEYS = new Set(['description', 'title', 'deprecated', 'example', 'examples', 'summary', 'externalDocs']);
const CONSTRAINT_KEYS = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'default',
  'readOnly',
  'writeOnly',
];
const SHAPE_KEYS = new Set(['type', 'format', 'nullable', 'enum', '$ref', 'items', ...CONSTRAINT_KEYS, ...DOC_KEYS]);
const OBJECT_KEYS = new Set(['type', 'properties', 'required', 'additionalProperties', 'nullable', ...DOC_KEYS]);
const OPERATION_KEYS = new Set([
  'tags',
  'operationId',
  'parameters',
  'requestBody',
  'responses',
  'security',
  ...DOC_KEYS,
]);
const PARAMETER_KEYS = new Set(['name', 'in', 'required', 'schema', 'style', 'explode', ...DOC_KEYS]);
const PATH_ITEM_KEYS = new Set([...HTTP_METHODS, 'parameters', ...DOC_KEYS]);

function isNode(value: unknown): value is SpecNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function node(value: unknown, where: string): SpecNode {
  if (!isNode(value)) throw new UnsupportedShapeError(where, 'expected an object');
  return value;
}

function onlyKeys(value: SpecNode, allowed: ReadonlySet<string>, where: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.has(key) && !key.startsWith('x-'));
  if (unknown.length > 0) throw new UnsupportedShapeError(where, `unknown keyword(s) ${unknown.join(', ')}`);
}

/** JSON with sorted keys, so two equal values compare equal as strings. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isNode(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Inline object schemas (a multipart body, say), hoisted as schemas named after where they were found. */
type InlineSchemas = Map<string, SchemaModel>;

function shapeOf(raw: unknown, where: string, inline: InlineSchemas): Shape {
  const value = node(raw, where);
  if (value.type === 'object' || value.properties !== undefined) {
    const name = `(inline ${where})`;
    inline.set(name, schemaOf(value, name, inline));
    return { ...EMPTY_SHAPE, ref: name, nullable: value.nullable === true };
  }
  onlyKeys(value, SHAPE_KEYS, where);
  const ref = value.$ref;
  if (ref !== undefined && (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/'))) {
    throw new UnsupportedShapeError(where, `$ref ${JSON.stringify(ref)} is not a local component schema`);
  }
  const type = value.type;
  if (type !== undefined && typeof type !== 'string') throw new UnsupportedShapeError(where, 'type is not a string');
  if (value.enum !== undefined && !Array.isArray(value.enum))
    throw new UnsupportedShapeError(where, 'enum is not a list');
  const constraints: Record<string, unknown> = {};
  for (const key of CONSTRAINT_KEYS) if (value[key] !== undefined) constraints[key] = value[key];
  return {
    type: type ?? null,
    format: typeof value.format === 'string' ? value.format : null,
    nullable: value.nullable === true,
    enum: Array.isArray(value.enum) ? value.enum.map((v) => String(v)) : null,
    ref: typeof ref === 'string' ? ref.slice('#/components/schemas/'.length) : null,
    items: value.items === undefined ? null : shapeOf(value.items, `${where}.items`, inline),
    constraints: canonical(constraints),
  };
}

function schemaOf(raw: unknown, where: string, inline: InlineSchemas): SchemaModel {
  const value = node(raw, where);
  if (value.properties === undefined && value.type !== 'object') {
    return { kind: 'value', shape: shapeOf(value, where, inline) };
  }
  onlyKeys(value, OBJECT_KEYS, where);
  const properties = new Map<string, Shape>();
  for (const [name, property] of Object.entries(node(value.properties ?? {}, `${where}.properties`))) {
    properties.set(name, shapeOf(property, `${where}.${name}`, inline));
  }
  const required = value.required ?? [];
  if (!Array.isArray(required)) throw new UnsupportedShapeError(where, 'required is not a list');
  const additional = value.additionalProperties ?? true;
  if (typeof additional !== 'boolean') throw new UnsupportedShapeError(where, 'additionalProperties is a schema');
  return { kind: 'object', properties, required: new Set(required.map(String)), additionalProperties: additional };
}

function contentOf(raw: unknown, where: string, inline: InlineSchemas): Map<string, Shape> {
  const content = new Map<string, Shape>();
  for (const [media, entry] of Object.entries(node(raw ?? {}, `${where}.content`))) {
    const mediaNode = node(entry, `${where}.content.${media}`);
    onlyKeys(mediaNode, new Set(['schema', 'example', 'examples', 'encoding']), `${where}.content.${media}`);
    content.set(media, shapeOf(mediaNode.schema ?? {}, `${where} ${media}`, inline));
  }
  return content;
}

function parameterOf(raw: unknown, where: string, inline: InlineSchemas): ParameterModel {
  const value = node(raw, where);
  if (value.$ref !== undefined) throw new UnsupportedShapeError(where, 'a $ref parameter');
  onlyKeys(value, PARAMETER_KEYS, where);
  if (typeof value.name !== 'string' || typeof value.in !== 'string') {
    throw new UnsupportedShapeError(where, 'a parameter without name or in');
  }
  const at = `${where} ${value.in} ${value.name}`;
  return {
    name: value.name,
    in: value.in,
    required: value.required === true,
    shape: value.schema === undefined ? null : shapeOf(value.schema, `${at}.schema`, inline),
  };
}

function operationOf(
  raw: unknown,
  inherited: readonly unknown[],
  where: string,
  inline: InlineSchemas,
): OperationModel {
  const op = node(raw, where);
  onlyKeys(op, OPERATION_KEYS, where);
  const parameters = new Map<string, ParameterModel>();
  const own = op.parameters ?? [];
  if (!Array.isArray(own)) throw new UnsupportedShapeError(where, 'parameters is not a list');
  for (const raw of [...inherited, ...own]) {
    const parameter = parameterOf(raw, `${where} parameter`, inline);
    parameters.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  let body: OperationModel['body'] = null;
  if (op.requestBody !== undefined) {
    const requestBody = node(op.requestBody, `${where} requestBody`);
    onlyKeys(requestBody, new Set(['content', 'required', ...DOC_KEYS]), `${where} requestBody`);
    body = {
      required: requestBody.required === true,
      content: contentOf(requestBody.content, `${where} requestBody`, inline),
    };
  }
  const responses = new Map<string, ResponseModel>();
  for (const [status, response] of Object.entries(node(op.responses, `${where} responses`))) {
    const at = `${where} response ${status}`;
    const value = node(response, at);
    onlyKeys(value, new Set(['content', 'headers', ...DOC_KEYS]), at);
    responses.set(status, {
      content: contentOf(value.content, at, inline),
      headers: Object.keys(node(value.headers ?? {}, `${at}.headers`)).sort(),
    });
  }
  return { parameters, body, responses, security: op.security === undefined ? null : canonical(op.security) };
}

/** Builds the model; throws `UnsupportedShapeError` on any shape it does not understand. */
export function modelOf(spec: SpecNode): SpecModel {
  const operations = new Map<string, OperationModel>();
  const schemas: InlineSchemas = new Map();
  for (const [path, rawItem] of Object.entries(node(spec.paths, 'paths'))) {
    const item = node(rawItem, path);
    onlyKeys(item, PATH_ITEM_KEYS, path);
    const inherited = item.parameters ?? [];
    if (!Array.isArray(inherited)) throw new UnsupportedShapeError(path, 'parameters is not a list');
    for (const method of HTTP_METHODS) {
      if (item[method] === undefined) continue;
      const key = `${method.toUpperCase()} ${path}`;
      operations.set(key, operationOf(item[method], inherited, key, schemas));
    }
  }
  const components = node(spec.components ?? {}, 'components');
  onlyKeys(components, new Set(['schemas', 'securitySchemes']), 'components');
  for (const [name, schema] of Object.entries(node(components.schemas ?? {}, 'components.schemas'))) {
    schemas.set(name, schemaOf(schema, name, schemas));
  }
  const securitySchemes = new Map<string, string>();
  for (const [name, scheme] of Object.entries(node(components.securitySchemes ?? {}, 'components.securitySchemes'))) {
    const { description: _ignored, ...rest } = node(scheme, `securityScheme ${name}`);
    securitySchemes.set(name, canonical(rest));
  }
  const servers = spec.servers ?? [];
  if (!Array.isArray(servers)) throw new UnsupportedShapeError('servers', 'not a list');
  return {
    operations,
    schemas,
    securitySchemes,
    security: spec.security === undefined ? null : canonical(spec.security),
    servers: servers.map((server, i) => {
      const url = node(server, `servers[${i}]`).url;
      if (typeof url !== 'string') throw new UnsupportedShapeError(`servers[${i}]`, 'url is not a string');
      return url;
    }),
  };
}
