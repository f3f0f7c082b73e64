import type { z } from 'zod';
import type * as generated from '../../generated/zod.js';

/** A body as the generated zod schema `K` outputs it (what the transport hands over after validation). */
export type Wire<K extends keyof typeof generated> = z.output<(typeof generated)[K]>;
