/**
 * Property-based fuzzing of the recursive resolvers (issue 15): random Terraform module graphs
 * (modules calling each other, themselves and the root's modules any number of times, passing
 * `var.region`, literals or nothing) and random Serverless variable maps (entries reading other
 * maps' entries, the maps through `${opt:stage}`, fallbacks and literals). For every case the
 * resolution completes within its step budget, and wherever it stopped the value is unresolved
 * and a problem names the place.
 *
 * Deterministic (fixed seed) and small enough for `npm test`; `FUZZ_RUNS=200 FUZZ_SEED=$RANDOM
 * npx mocha test/fuzz/resolution.test.ts` fuzzes harder.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { FileScanResult } from '../../src/core/model';
import { resolveRegions } from '../../src/core/resolve';
import { TERRAFORM_STEPS_PER_WORKSPACE } from '../../src/core/resolve/terraform';
import { scanFile } from '../../src/core/scanners';
import { parseYamlTemplate } from '../../src/core/scanners/cloudformation';
import { getValue } from '../../src/core/scanners/cloudformation/templateTree';
import { serverlessScanner } from '../../src/core/scanners/serverless';
import { SERVERLESS_VARIABLE_STEPS, ServerlessVariables } from '../../src/core/scanners/serverless/variables';
import type { ScanContext } from '../../src/core/scanners/types';
import { loadLanguages } from '../../src/node/languages';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** One module call: the module it calls, how many times, and what it passes as `region`. */
const callArbitrary = (modules: number) => fc.record({
  target: fc.nat({ max: modules - 1 }),
  times: fc.integer({ min: 1, max: 12 }),
  region: fc.oneof(fc.constant('var.region'), fc.constantFrom(...REGIONS.map((r) => `"${r}"`)), fc.constant(undefined)),
});

const moduleGraphArbitrary = fc.integer({ min: 1, max: 5 }).chain((modules) => fc.record({
  modules: fc.constant(modules),
  calls: fc.array(fc.array(callArbitrary(modules), { maxLength: 4 }), { minLength: modules, maxLength: modules }),
  providerRegion: fc.array(fc.boolean(), { minLength: modules, maxLength: modules }),
}));

function moduleGraphFiles(graph: { modules: number; calls: Array<Array<{ target: number; times: number; region?: string }>>; providerRegion: boolean[] }): Array<{ file: string; text: string }> {
  const files = [{ file: 'main.tf', text: 'provider "aws" {\n  region = "us-east-1"\n}\n\nmodule "m0" {\n  source = "./m0"\n  region = "us-west-2"\n}\n' }];
  for (let m = 0; m < graph.modules; m++) {
    let text = `variable "region" {}\n\n${graph.providerRegion[m] ? 'provider "aws" {\n  region = var.region\n}\n\n' : ''}resource "aws_sqs_queue" "q" {}\n`;
    graph.calls[m].forEach((call, c) => {
      for (let i = 0; i < call.times; i++) text += `\nmodule "m${call.target}_${c}_${i}" {\n  source = "../m${call.target}"\n${call.region ? `  region = ${call.region}\n` : ''}}\n`;
    });
    files.push({ file: `m${m}/main.tf`, text });
  }
  return files;
}

const entryArbitrary = (maps: number, entries: number) => fc.oneof(
  fc.constantFrom(...REGIONS),
  fc.nat({ max: maps - 1 }).map((m) => `"\${self:custom.m${m}.\${opt:stage}}"`),
  fc.tuple(fc.nat({ max: maps - 1 }), fc.nat({ max: entries - 1 })).map(([m, k]) => `"\${self:custom.m${m}.k${k}}"`),
  fc.tuple(fc.nat({ max: maps - 1 }), fc.nat({ max: entries - 1 })).map(([m, k]) => `"\${opt:region, self:custom.m${m}.k${k}}"`),
);

const variableMapsArbitrary = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 })).chain(([maps, entries]) =>
  fc.array(fc.array(entryArbitrary(maps, entries), { minLength: entries, maxLength: entries }), { minLength: maps, maxLength: maps }));

function serverlessFile(maps: string[][]): string {
  const lines = ['service: orders', '', 'provider:', '  name: aws', '  runtime: nodejs20.x', '  region: ${self:custom.m0.${opt:stage}}', '', 'custom:'];
  maps.forEach((entries, m) => {
    lines.push(`  m${m}:`);
    entries.forEach((e, k) => lines.push(`    k${k}: ${e}`));
  });
  lines.push('', 'functions:', '  hello:', '    handler: handler.hello', '');
  return lines.join('\n');
}

describe('fuzzing the recursive resolvers', function () {
  this.timeout(300_000);
  let context: ScanContext;
  before(async () => {
    context = { languages: await loadLanguages() };
  });

  it('random Terraform module graphs resolve within the step budget; where resolution stopped the value is unresolved and a problem names the module call', () => {
    fc.assert(
      fc.property(moduleGraphArbitrary, (graph) => {
        const results: FileScanResult[] = moduleGraphFiles(graph).map((f) => scanFile(f.file, f.text, context));
        const workspace = resolveRegions(results);
        const budget = workspace.budgets.get('terraform');
        assert.ok(budget && budget.spent <= TERRAFORM_STEPS_PER_WORKSPACE, `spent ${budget?.spent}`);
        for (const d of workspace.dependencies) {
          assert.equal(d.regionRef, undefined, `${d.file}:${d.line} still pending`);
          if (d.region !== null) assert.ok(REGIONS.includes(d.region), `${d.file}:${d.line} has region ${d.region}`);
          const stop = d.regionTrace?.find((t) => t.reason.startsWith('resolution stopped here'));
          if (!stop) continue;
          assert.deepEqual([d.region, d.regionSource], [null, 'unresolved']);
          assert.ok(workspace.problems.some((p) => p.file === stop.file && p.line === stop.line), `no problem at ${stop.file}:${stop.line}`);
        }
        for (const p of workspace.problems) assert.match(p.reason, /^Terraform region resolution stopped at module "m\d+_\d+_\d+" \((region|provider aws)\)/);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('random Serverless variable maps resolve within the file\'s step budget; a stop is one problem and an unresolved region', () => {
    fc.assert(
      fc.property(variableMapsArbitrary, (maps) => {
        const text = serverlessFile(maps);
        const root = parseYamlTemplate(text).root;
        const variables = new ServerlessVariables(root);
        const r = variables.resolveNode(getValue(getValue(root, 'provider'), 'region'));
        assert.ok(variables.budget.spent <= SERVERLESS_VARIABLE_STEPS);
        if (r.value !== undefined) assert.ok(REGIONS.includes(r.value));
        for (const c of r.candidates ?? []) assert.ok(REGIONS.includes(c), `candidate ${c}`);
        if (variables.budget.exhausted) assert.deepEqual([r.value, r.candidates], [undefined, undefined]);

        const out = serverlessScanner.scan('serverless.yml', text, { languages: {} });
        const stopped = out.problems.filter((p) => p.reason.startsWith('Serverless variable resolution stopped'));
        assert.ok(stopped.length <= 1);
        const config = out.dependencies.find((d) => d.kind === 'region-config');
        if (stopped.length) assert.ok(config?.region === null || REGIONS.includes(config?.region ?? ''));
        if (variables.budget.exhausted) assert.deepEqual([config?.region, config?.regionSource], [null, 'unresolved']);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
