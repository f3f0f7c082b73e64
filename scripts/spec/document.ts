/**
 * Reading a spec document (YAML or JSON), deciding whether it is one this client can take, and
 * fingerprinting its bytes.
 */
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import type { SpecNode } from '../spec-patches.js';
import type { SpecExtension } from './location.js';

/** Raised when a document is not an OpenAPI 3.0.x description of Huuray API v4. */
export class SpecRefusedError extends Error {
  constructor(reason: string) {
    super(`spec refused: ${reason}`);
    this.name = 'SpecRefusedError';
  }
}

/** The format of a document by its first non-blank character: JSON starts with `{`. */
export function formatOf(text: string): SpecExtension {
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
    ? 'json'
    : 'yaml';
}

/** Parses YAML or JSON into a spec node; refuses anything that is not a JSON object. */
export function parseSpecText(text: string): SpecNode {
  const doc: unknown = formatOf(text) === 'json' ? JSON.parse(text.replace(/^\uFEFF/, '')) : parse(text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new SpecRefusedError('the document is not an object');
  }
  return doc as SpecNode;
}

/** Version facts the generated headers and the report show. */
export interface SpecIdentity {
  readonly openapi: string;
  readonly version: string;
  readonly sha256: string;
}

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks that `doc` is OpenAPI 3.0.x with `info.version` exactly `v4`: this client and its patches
 * are written for that. A v4.1 or a 3.1 document is a decision for a person, not for a script.
 */
export function acceptSpec(doc: SpecNode, bytes: Uint8Array | string): SpecIdentity {
  const openapi = doc.openapi;
  if (typeof openapi !== 'string' || !/^3\.0\.\d+$/.test(openapi)) {
    throw new SpecRefusedError(`openapi is ${JSON.stringify(openapi)}, expected 3.0.x`);
  }
  const info = doc.info as { version?: unknown } | undefined;
  const version = info?.version;
  if (version !== 'v4') {
    throw new SpecRefusedError(`info.version is ${JSON.stringify(version)}, expected "v4"`);
  }
  return { openapi, version, sha256: sha256Of(bytes) };
}
