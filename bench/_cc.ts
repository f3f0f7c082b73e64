import { callCost } from './call-cost.js';
import { formatTable } from './harness.js';

console.log(formatTable(await callCost(2000)));
