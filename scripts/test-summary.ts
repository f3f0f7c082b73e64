/**
 * Prints the closing line CI reads, `N passed, N failed, N skipped`, from vitest's JSON report,
 * and exits non-zero when anything failed, the report is missing, or no test ran.
 */
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'test-results/vitest.json';
let report: {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  success?: boolean;
};
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  console.error(`no vitest report at ${path}: ${(error as Error).message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 || report.success === false ? 1 : 0);
