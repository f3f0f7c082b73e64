/**
 * Response coverage: every field a response schema of the spec declares must be classified in
 * src/core/wire-fields.ts (mapped, secret or ignored). A field nobody classified is a field the
 * facade drops silently and `redact()` keeps: a new voucher `PIN` is exactly that.
 */
import { RESPONSE_FIELDS } from '../../src/core/wire-fields.js';
import type { SpecNode } from '../spec-patches.js';
import { schemaDirections } from './diff/compare.js';
import { modelOf } from './diff/model.js';

/** One line per gap between the spec's response schemas and RESPONSE_FIELDS, both ways; empty when they agree. */
export function responseFieldGaps(spec: SpecNode): string[] {
  const model = modelOf(spec);
  const classified = RESPONSE_FIELDS as Record<string, Record<string, string> | undefined>;
  const gaps: string[] = [];
  const responseSchemas = [...schemaDirections(model)].filter(([, d]) => d.has('response')).map(([name]) => name);
  for (const name of responseSchemas) {
    const schema = model.schemas.get(name);
    const fields = classified[name];
    if (schema === undefined || schema.kind !== 'object') continue;
    if (fields === undefined) {
      gaps.push(`${name}: a response schema missing from RESPONSE_FIELDS`);
      continue;
    }
    for (const field of schema.properties.keys()) {
      if (fields[field] === undefined) gaps.push(`${name}.${field}: not classified (mapped, secret or ignored)`);
    }
    for (const field of Object.keys(fields)) {
      if (!schema.properties.has(field)) gaps.push(`${name}.${field}: classified but not in the spec`);
    }
  }
  for (const name of Object.keys(classified)) {
    if (!responseSchemas.includes(name)) gaps.push(`${name}: classified but not a response schema of the spec`);
  }
  return gaps;
}
