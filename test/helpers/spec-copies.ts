import { readFileSync } from 'node:fs';
import { parseSpecText } from '../../scripts/spec/document.js';
import { vendoredSpecFile } from '../../scripts/spec/location.js';
import type { SpecNode } from '../../scripts/spec-patches.js';

/** The vendored spec's text and a fresh parsed copy per call, for building modified vendor specs. */
export const vendoredText = readFileSync(vendoredSpecFile(), 'utf8');

type Property = Record<string, unknown>;
export interface EditableSpec {
  openapi: string;
  info: { version: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, SpecNode>>;
  components: { schemas: Record<string, { properties: Record<string, Property>; required?: string[] }> };
}

export function vendoredCopy(): EditableSpec {
  return parseSpecText(vendoredText) as unknown as EditableSpec;
}

export const asNode = (spec: EditableSpec): SpecNode => spec as unknown as SpecNode;

export function property(spec: EditableSpec, schema: string, field: string): Property {
  const found = spec.components.schemas[schema]?.properties[field];
  if (found === undefined) throw new Error(`fixture: no ${schema}.${field}`);
  return found;
}

const SIGNING_HEADERS = [
  { name: 'X-API-NONCE', in: 'header', required: true },
  { name: 'X-API-HASH', in: 'header', required: true },
];

/** Adds `GET /v4/Order/{orderUid}`, declared the way Huuray declares its operations (signing headers, ApiToken). */
export function withOrderLookup(spec: EditableSpec): EditableSpec {
  spec.paths['/v4/Order/{orderUid}'] = {
    get: {
      tags: ['Order'],
      summary: 'Used to get one order',
      parameters: [
        { name: 'orderUid', in: 'path', required: true, schema: { type: 'string' } },
        ...structuredClone(SIGNING_HEADERS),
      ],
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderResponse' } } },
        },
      },
      security: [{ ApiToken: [] }],
    },
  };
  return spec;
}

/** Adds `POST /v4/Upload`, a multipart body with an inline object schema (as Swashbuckle writes file uploads). */
export function withUpload(spec: EditableSpec): EditableSpec {
  spec.paths['/v4/Upload'] = {
    post: {
      tags: ['Upload'],
      parameters: structuredClone(SIGNING_HEADERS),
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties: { File: { type: 'string', format: 'binary' } } },
            encoding: { File: { style: 'form' } },
          },
        },
      },
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Response' } } },
        },
      },
      security: [{ ApiToken: [] }],
    },
  };
  return spec;
}
