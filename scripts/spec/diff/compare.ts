/**
 * Compares two spec models and classes every change for *this* client, which validates responses
 * with zod and maps them in the facade: a response field that narrows, widens to null or gains a
 * closed enum can break it as surely as a removed request field.
 */
import { RESPONSE_FIELDS } from '../../../src/core/wire-fields.js';
import { isMoneyField } from '../money-fields.js';
import type { ObjectSchema, SchemaModel, Shape, SpecModel } from './model.js';

export type Severity = 'breaking' | 'needs review' | 'non-breaking';
export type ChecklistItem =
  | 'facade'
  | 'sandbox'
  | 'contract'
  | 'cli'
  | 'coverage'
  | 'redact'
  | 'money'
  | 'base-url'
  | 'readme';
export type Direction = 'request' | 'response';

export interface Change {
  readonly severity: Severity;
  readonly where: string;
  readonly what: string;
  readonly checklist: readonly ChecklistItem[];
}

const RANK: Record<Severity, number> = { breaking: 2, 'needs review': 1, 'non-breaking': 0 };
const worst = (...all: Severity[]): Severity => all.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'non-breaking');

/** Field names that look like a code or credential: a new one must be considered for `redact()`. */
const SECRET_LIKE = /(code|cvv|pin|secret|password|token|link|url|key)/i;

function isMapped(schema: string, field: string): boolean {
  const fields = (RESPONSE_FIELDS as Record<string, Record<string, string> | undefined>)[schema];
  const use = fields?.[field];
  return use === 'mapped' || use === 'secret';
}

function refsOf(shape: Shape | null): string[] {
  if (shape === null) return [];
  return [...(shape.ref === null ? [] : [shape.ref]), ...refsOf(shape.items)];
}

/** Which directions each component schema is reached from, following `$ref`s transitively. */
export function schemaDirections(model: SpecModel): Map<string, Set<Direction>> {
  const found = new Map<string, Set<Direction>>();
  const visit = (name: string, direction: Direction): void => {
    const seen = found.get(name) ?? new Set<Direction>();
    if (seen.has(direction)) return;
    seen.add(direction);
    found.set(name, seen);
    const schema = model.schemas.get(name);
    if (schema === undefined) return;
    const shapes = schema.kind === 'object' ? [...schema.properties.values()] : [schema.shape];
    for (const ref of shapes.flatMap(refsOf)) visit(ref, direction);
  };
  for (const op of model.operations.values()) {
    for (const shape of op.body?.content.values() ?? []) for (const ref of refsOf(shape)) visit(ref, 'request');
    for (const response of op.responses.values()) {
      for (const shape of response.content.values()) for (const ref of refsOf(shape)) visit(ref, 'response');
    }
  }
  return found;
}

const describeShape = (s: Shape): string =>
  s.ref !== null
    ? s.ref
    : s.type === 'array' && s.items !== null
      ? `${describeShape(s.items)}[]`
      : `${s.type ?? 'any'}${s.format === null ? '' : ` (${s.format})`}`;

interface FieldContext {
  readonly where: string;
  readonly directions: ReadonlySet<Direction>;
  readonly money: boolean;
  readonly mapped: boolean;
}

/** Per direction severities, merged into one change (the worst wins). */
function change(
  ctx: FieldContext,
  what: string,
  bySide: Record<Direction, Severity>,
  checklist: ChecklistItem[],
): Change {
  const severity = worst(...[...ctx.directions].map((d) => bySide[d]));
  const side = [...ctx.directions].sort().join(' and ');
  const extra: ChecklistItem[] = ctx.money ? ['money'] : [];
  return {
    severity: ctx.money && severity === 'non-breaking' ? 'needs review' : severity,
    where: ctx.where,
    what: `${ctx.money ? 'money field: ' : ''}${what}${side === '' ? '' : ` (${side})`}`,
    checklist: [...new Set([...checklist, ...extra])],
  };
}

export function compareShapes(ctx: FieldContext, a: Shape, b: Shape): Change[] {
  const out: Change[] = [];
  const typeA = describeShape(a);
  const typeB = describeShape(b);
  if (a.type !== b.type || a.ref !== b.ref || (a.items === null) !== (b.items === null)) {
    out.push(
      change(ctx, `type ${typeA} -> ${typeB}`, { request: 'breaking', response: 'breaking' }, ['facade', 'sandbox']),
    );
  } else if (a.format !== b.format) {
    out.push(
      change(
        ctx,
        `format ${a.format ?? 'none'} -> ${b.format ?? 'none'}`,
        { request: 'needs review', response: 'needs review' },
        ['facade', 'sandbox'],
      ),
    );
  }
  if (a.nullable !== b.nullable) {
    const mappedResponse: Severity = ctx.mapped ? 'breaking' : 'needs review';
    out.push(
      a.nullable
        ? change(ctx, 'no longer nullable', { request: 'breaking', response: mappedResponse }, ['facade', 'sandbox'])
        : change(ctx, 'now nullable', { request: 'non-breaking', response: mappedResponse }, ['facade', 'sandbox']),
    );
  }
  if (a.enum === null && b.enum !== null) {
    out.push(
      change(ctx, `now a closed enum [${b.enum.join(', ')}]`, { request: 'breaking', response: 'breaking' }, [
        'facade',
        'sandbox',
      ]),
    );
  } else if (a.enum !== null && b.enum === null) {
    out.push(change(ctx, 'no longer an enum', { request: 'non-breaking', response: 'needs review' }, ['facade']));
  } else if (a.enum !== null && b.enum !== null) {
    const added = b.enum.filter((v) => !a.enum?.includes(v));
    const removed = a.enum.filter((v) => !b.enum?.includes(v));
    if (added.length > 0)
      out.push(
        change(ctx, `enum values added: ${added.join(', ')}`, { request: 'non-breaking', response: 'needs review' }, [
          'facade',
          'sandbox',
        ]),
      );
    if (removed.length > 0)
      out.push(
        change(ctx, `enum values removed: ${removed.join(', ')}`, { request: 'breaking', response: 'needs review' }, [
          'facade',
          'sandbox',
        ]),
      );
  }
  if (a.constraints !== b.constraints) {
    out.push(
      change(
        ctx,
        `constraints ${a.constraints} -> ${b.constraints}`,
        { request: 'needs review', response: 'needs review' },
        ['sandbox'],
      ),
    );
  }
  if (a.items !== null && b.items !== null && a.type === b.type) {
    out.push(...compareShapes({ ...ctx, where: `${ctx.where}[]` }, a.items, b.items));
  }
  return out;
}

function compareObjects(name: string, a: ObjectSchema, b: ObjectSchema, directions: ReadonlySet<Direction>): Change[] {
  const out: Change[] = [];
  const ctxOf = (field: string): FieldContext => ({
    where: `${name}.${field}`,
    directions,
    money: isMoneyField(field),
    mapped: isMapped(name, field),
  });
  for (const [field, shape] of b.properties) {
    const before = a.properties.get(field);
    const ctx = ctxOf(field);
    if (before === undefined) {
      const required = b.required.has(field);
      const secretLike = SECRET_LIKE.test(field);
      out.push(
        change(
          ctx,
          `field added: ${describeShape(shape)}${required ? ', required' : ''}${secretLike && directions.has('response') ? ' — looks like a code or credential' : ''}`,
          { request: required ? 'breaking' : 'non-breaking', response: 'needs review' },
          directions.has('response')
            ? ['coverage', 'facade', ...(secretLike ? (['redact'] as const) : [])]
            : ['facade'],
        ),
      );
      continue;
    }
    out.push(...compareShapes(ctx, before, shape));
    if (a.required.has(field) !== b.required.has(field)) {
      out.push(
        b.required.has(field)
          ? change(ctx, 'now required', { request: 'breaking', response: 'non-breaking' }, ['facade', 'sandbox'])
          : change(
              ctx,
              'no longer required',
              { request: 'non-breaking', response: ctx.mapped ? 'breaking' : 'needs review' },
              ['facade', 'sandbox'],
            ),
      );
    }
  }
  for (const [field, shape] of a.properties) {
    if (b.properties.has(field)) continue;
    const ctx = ctxOf(field);
    out.push(
      change(
        ctx,
        `field removed (was ${describeShape(shape)})`,
        { request: 'breaking', response: ctx.mapped ? 'breaking' : 'needs review' },
        ['facade', 'sandbox', ...(directions.has('response') ? (['coverage'] as const) : [])],
      ),
    );
  }
  if (a.additionalProperties !== b.additionalProperties) {
    out.push({
      severity: 'needs review',
      where: name,
      what: `additionalProperties ${a.additionalProperties} -> ${b.additionalProperties}`,
      checklist: ['sandbox'],
    });
  }
  return out;
}

function compareSchemas(name: string, a: SchemaModel, b: SchemaModel, directions: ReadonlySet<Direction>): Change[] {
  if (a.kind === 'object' && b.kind === 'object') return compareObjects(name, a, b, directions);
  if (a.kind === 'value' && b.kind === 'value') {
    return compareShapes({ where: name, directions, money: false, mapped: true }, a.shape, b.shape);
  }
  return [
    { severity: 'breaking', where: name, what: `schema kind ${a.kind} -> ${b.kind}`, checklist: ['facade', 'sandbox'] },
  ];
}

/** Every schema-level change between two models, classed. */
export function compareSchemaSets(before: SpecModel, after: SpecModel): Change[] {
  const directionsBefore = schemaDirections(before);
  const directionsAfter = schemaDirections(after);
  const out: Change[] = [];
  for (const [name, schema] of after.schemas) {
    const old = before.schemas.get(name);
    const directions = new Set([...(directionsBefore.get(name) ?? []), ...(directionsAfter.get(name) ?? [])]);
    if (old === undefined) {
      // An inline body's schema comes and goes with its operation, which is reported already.
      if (!name.startsWith('(inline '))
        out.push({ severity: 'non-breaking', where: name, what: 'schema added', checklist: [] });
      continue;
    }
    out.push(...compareSchemas(name, old, schema, directions));
  }
  for (const name of before.schemas.keys()) {
    if (!after.schemas.has(name) && !name.startsWith('(inline '))
      out.push({ severity: 'needs review', where: name, what: 'schema removed', checklist: ['facade', 'sandbox'] });
  }
  return out;
}
