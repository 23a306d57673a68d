/**
 * The public corpus beside the repository (../shared/corpus), for the slow suite only: `npm test`
 * reads nothing outside the repository and runs on the licensed subset in
 * test/fixtures/corpus instead. A slow test that needs the corpus fails loudly when it is missing,
 * rather than passing with nothing checked.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

/** The in-repository subset of AWS's CloudFormation templates (see test/fixtures/corpus/README.md). */
export const CFN_SUBSET = path.join(REPO, 'test', 'fixtures', 'corpus', 'aws-cloudformation-templates');

/** A folder of ../shared/corpus; throws (failing the test that asks) when it is not there. */
export function sharedCorpus(name: string): string {
  const dir = path.resolve(REPO, '..', 'shared', 'corpus', name);
  if (!existsSync(dir)) {
    throw new Error(`missing ${dir}: the slow suite (npm run test:slow) runs over the public corpus in ../shared/corpus; npm test uses the subset in test/fixtures/corpus`);
  }
  return dir;
}
