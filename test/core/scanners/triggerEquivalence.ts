/**
 * The proof that the narrowed per-format triggers (the JavaScript and Python scanners' `accepts`)
 * lose nothing: every file that the previous triggers sent to a scanner and the new ones do not
 * must come out of that scanner empty — no dependency, no facts for the cross-file passes, no
 * deploy unit. Shared by the fast test (fixtures, examples) and the slow one (../shared/corpus).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isCandidatePath } from '../../../src/core/scanners/candidates';
import { javascriptScanner } from '../../../src/core/scanners/javascript';
import { isScriptFile } from '../../../src/core/scanners/javascript/parse';
import { pythonScanner } from '../../../src/core/scanners/python';
import type { ScanContext, Scanner } from '../../../src/core/scanners/types';

/** The triggers before they were narrowed: any of these words anywhere in the text. */
export const PREVIOUS_TRIGGERS: Record<string, (file: string, text: string) => boolean> = {
  javascript: (file, text) => isScriptFile(file) && ['aws-sdk', '@aws-sdk', 'aws-cdk', '@pulumi/aws', 'amazonaws', 'arn:aws', '.on.aws', 'arn:${', 'new AWS.'].some((m) => text.includes(m)),
  python: (file, text) => /\.pyw?$/i.test(file) && ['boto3', 'botocore', 'amazonaws', 'arn:aws'].some((m) => text.includes(m)),
};

const NARROWED: Scanner[] = [javascriptScanner, pythonScanner];

export interface TriggerCounts {
  /** files the previous trigger accepted, per scanner */
  previous: Record<string, number>;
  /** files the current trigger accepts */
  current: Record<string, number>;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') filesUnder(p, out);
    } else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Checks every candidate file under `roots`; returns how many files each trigger let through. */
export function assertNoDependencyLost(roots: string[], context: ScanContext): TriggerCounts {
  const counts: TriggerCounts = { previous: {}, current: {} };
  for (const root of roots) {
    for (const absolute of filesUnder(root)) {
      const file = path.relative(root, absolute).split(path.sep).join('/');
      if (!isCandidatePath(file)) continue;
      const text = readFileSync(absolute, 'utf8');
      for (const scanner of NARROWED) {
        const before = PREVIOUS_TRIGGERS[scanner.id](file, text);
        const now = scanner.accepts(file, text);
        if (before) counts.previous[scanner.id] = (counts.previous[scanner.id] ?? 0) + 1;
        if (now) counts.current[scanner.id] = (counts.current[scanner.id] ?? 0) + 1;
        // Narrowing only: the new trigger never accepts what the old one rejected.
        assert.ok(!now || before, `${absolute}: ${scanner.id} accepts a file the previous trigger rejected`);
        if (before && !now) {
          const out = scanner.scan(file, text, context);
          assert.deepEqual(out.dependencies.map((d) => `${d.line}:${d.column} ${d.kind} ${d.service}`), [], `${absolute}: ${scanner.id} no longer scans a file with dependencies`);
          assert.equal(out.formatFacts, undefined, `${absolute}: ${scanner.id} no longer scans a file with facts for the cross-file passes`);
          assert.equal(out.deployUnits?.length ?? 0, 0, `${absolute}: ${scanner.id} no longer scans a file with deploy units`);
        }
      }
    }
  }
  return counts;
}
