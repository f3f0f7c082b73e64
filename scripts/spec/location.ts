/**
 * Where the vendored spec lives: the one place every script and test asks.
 *
 * The vendored document keeps the bytes (and so the format) Huuray published: YAML today
 * (`openapi/huuray-v4.yaml`), JSON once `npm run spec:update` vendors the 3.0.4 JSON Huuray now
 * serves (`openapi/huuray-v4.json`). Exactly one of the two exists; converting would break the
 * byte-for-byte promise and hide what the vendor actually sent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the directory holding package.json). */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** The vendored spec's path without its extension, relative to the repository root. */
export const SPEC_STEM = 'openapi/huuray-v4';

export const SPEC_EXTENSIONS = ['yaml', 'json'] as const;
export type SpecExtension = (typeof SPEC_EXTENSIONS)[number];

/** The vendored spec's path relative to `root` (`openapi/huuray-v4.yaml` or `.json`); throws unless exactly one exists. */
export function vendoredSpecPath(root: string = REPO_ROOT): string {
  const present = SPEC_EXTENSIONS.map((ext) => `${SPEC_STEM}.${ext}`).filter((path) => existsSync(join(root, path)));
  if (present.length !== 1) {
    throw new Error(
      `expected exactly one vendored spec ${SPEC_STEM}.{${SPEC_EXTENSIONS.join(',')}} under ${root}, found ${present.length === 0 ? 'none' : present.join(' and ')}`,
    );
  }
  return present[0] as string;
}

/** The absolute path of the vendored spec under `root`. */
export function vendoredSpecFile(root: string = REPO_ROOT): string {
  return join(root, vendoredSpecPath(root));
}
