/** Operation-level changes: operations, parameters, bodies, responses, security and servers. */
import { type Change, compareShapes } from './compare.js';
import type { OperationModel, Shape, SpecModel } from './model.js';

const ALL_SURFACES = ['facade', 'sandbox', 'contract', 'cli', 'readme'] as const;

const refList = (content: ReadonlyMap<string, Shape>): string =>
  [...content].map(([media, shape]) => `${media}: ${shape.ref ?? shape.type ?? 'any'}`).join(', ') || 'no content';

function compareContent(
  where: string,
  a: ReadonlyMap<string, Shape>,
  b: ReadonlyMap<string, Shape>,
  direction: 'request' | 'response',
): Change[] {
  const out: Change[] = [];
  for (const [media, shape] of b) {
    const before = a.get(media);
    if (before === undefined) {
      out.push({ severity: 'non-breaking', where, what: `media type ${media} added`, checklist: [] });
    } else {
      out.push(
        ...compareShapes(
          { where: `${where} ${media}`, directions: new Set([direction]), money: false, mapped: true },
          before,
          shape,
        ),
      );
    }
  }
  for (const media of a.keys()) {
    if (!b.has(media)) {
      out.push({
        severity: media === 'application/json' ? 'breaking' : 'needs review',
        where,
        what: `media type ${media} removed`,
        checklist: ['facade', 'sandbox'],
      });
    }
  }
  return out;
}

function compareOperation(key: string, a: OperationModel, b: OperationModel): Change[] {
  const out: Change[] = [];
  for (const [id, parameter] of b.parameters) {
    const before = a.parameters.get(id);
    const where = `${key} ${parameter.in} parameter ${parameter.name}`;
    if (before === undefined) {
      out.push({
        severity: parameter.required ? 'breaking' : 'non-breaking',
        where,
        what: `parameter added${parameter.required ? ', required' : ''}`,
        checklist: ['facade', 'sandbox', 'contract'],
      });
      continue;
    }
    if (before.required !== parameter.required) {
      out.push({
        severity: parameter.required ? 'breaking' : 'non-breaking',
        where,
        what: parameter.required ? 'now required' : 'no longer required',
        checklist: ['facade', 'sandbox'],
      });
    }
    if (before.shape !== null && parameter.shape !== null) {
      out.push(
        ...compareShapes(
          { where, directions: new Set(['request']), money: false, mapped: true },
          before.shape,
          parameter.shape,
        ),
      );
    } else if ((before.shape === null) !== (parameter.shape === null)) {
      out.push({ severity: 'needs review', where, what: 'schema added or removed', checklist: ['facade'] });
    }
  }
  for (const [id, parameter] of a.parameters) {
    if (!b.parameters.has(id)) {
      out.push({
        severity: 'breaking',
        where: `${key} ${parameter.in} parameter ${parameter.name}`,
        what: 'parameter removed',
        checklist: ['facade', 'sandbox', 'contract'],
      });
    }
  }
  if (a.body === null && b.body !== null) {
    out.push({
      severity: b.body.required ? 'breaking' : 'non-breaking',
      where: key,
      what: `request body added (${refList(b.body.content)})`,
      checklist: ['facade', 'sandbox', 'contract'],
    });
  } else if (a.body !== null && b.body === null) {
    out.push({
      severity: 'breaking',
      where: key,
      what: 'request body removed',
      checklist: ['facade', 'sandbox', 'contract'],
    });
  } else if (a.body !== null && b.body !== null) {
    if (a.body.required !== b.body.required) {
      out.push({
        severity: 'needs review',
        where: key,
        what: `request body ${b.body.required ? 'now' : 'no longer'} required (see patch required-request-bodies)`,
        checklist: ['facade'],
      });
    }
    out.push(...compareContent(`${key} request body`, a.body.content, b.body.content, 'request'));
  }
  for (const [status, response] of b.responses) {
    const before = a.responses.get(status);
    const where = `${key} response ${status}`;
    if (before === undefined) {
      out.push({
        severity: 'needs review',
        where,
        what: `response added (${refList(response.content)})`,
        checklist: ['facade', 'sandbox'],
      });
      continue;
    }
    out.push(...compareContent(where, before.content, response.content, 'response'));
    const added = response.headers.filter((h) => !before.headers.includes(h));
    const removed = before.headers.filter((h) => !response.headers.includes(h));
    if (added.length > 0)
      out.push({
        severity: 'needs review',
        where,
        what: `headers added: ${added.join(', ')}`,
        checklist: ['facade', 'sandbox'],
      });
    if (removed.length > 0)
      out.push({
        severity: 'needs review',
        where,
        what: `headers removed: ${removed.join(', ')}`,
        checklist: ['facade', 'sandbox'],
      });
  }
  for (const status of a.responses.keys()) {
    if (!b.responses.has(status)) {
      out.push({
        severity: 'needs review',
        where: `${key} response ${status}`,
        what: 'response removed',
        checklist: ['facade', 'sandbox'],
      });
    }
  }
  if (a.security !== b.security) {
    out.push({
      severity: 'breaking',
      where: key,
      what: `security ${a.security ?? 'inherited'} -> ${b.security ?? 'inherited'}`,
      checklist: ['facade', 'sandbox'],
    });
  }
  return out;
}

/** Operations added and removed, each operation's own changes, and document-level security and servers. */
export function compareOperations(before: SpecModel, after: SpecModel): Change[] {
  const out: Change[] = [];
  for (const [key, op] of after.operations) {
    const old = before.operations.get(key);
    if (old === undefined) {
      const pathParameters = [...op.parameters.values()].filter((p) => p.in === 'path').map((p) => p.name);
      out.push({
        severity: 'needs review',
        where: key,
        what: `operation added${pathParameters.length > 0 ? ` (path parameters: ${pathParameters.join(', ')})` : ''}`,
        checklist: [...ALL_SURFACES],
      });
    } else {
      out.push(...compareOperation(key, old, op));
    }
  }
  for (const key of before.operations.keys()) {
    if (!after.operations.has(key))
      out.push({ severity: 'breaking', where: key, what: 'operation removed', checklist: [...ALL_SURFACES] });
  }
  if (before.security !== after.security) {
    out.push({
      severity: 'breaking',
      where: 'security',
      what: `document security ${before.security ?? 'none'} -> ${after.security ?? 'none'}`,
      checklist: ['facade', 'sandbox'],
    });
  }
  for (const [name, scheme] of after.securitySchemes) {
    const old = before.securitySchemes.get(name);
    if (old !== scheme) {
      out.push({
        severity: 'breaking',
        where: `securityScheme ${name}`,
        what: old === undefined ? `added: ${scheme}` : `${old} -> ${scheme}`,
        checklist: ['facade', 'sandbox', 'readme'],
      });
    }
  }
  for (const name of before.securitySchemes.keys()) {
    if (!after.securitySchemes.has(name)) {
      out.push({
        severity: 'breaking',
        where: `securityScheme ${name}`,
        what: 'removed',
        checklist: ['facade', 'sandbox', 'readme'],
      });
    }
  }
  if (before.servers.join() !== after.servers.join()) {
    out.push({
      severity: 'needs review',
      where: 'servers',
      what: `[${before.servers.join(', ')}] -> [${after.servers.join(', ')}]`,
      checklist: ['base-url', 'readme'],
    });
  }
  return out;
}
