import type { TestProject } from 'vitest/node';
import { startPrism } from '../../scripts/prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving openapi/huuray-v4.yaml for this run. */
    prismUrl: string;
  }
}

/** One Prism mock for the whole run; stopped at teardown whether tests passed or not. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism();
  project.provide('prismUrl', prism.url);
  return () => prism.close();
}
