#!/usr/bin/env node
// Scaffolds a rule: `npm run new-rule -- <id> [--category code|config|iac-data|iac-network|global|findings]`.
//
// Creates src/core/rules/<id>.ts, test/core/rules/<id>.test.ts and docs/rules/<id>.md from
// templates that follow the catalogue's conventions (docs/rules/README.md). It does not register
// the rule anywhere: it prints the lines to add to the catalogue, the docs index and the config
// schema, because those edits are a reviewed decision. Until the rule is written, its own test
// and the documentation-example test fail on purpose.
//
// `--root DIR` writes into another checkout (the scaffold's own test uses it).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CATEGORIES = ['code', 'config', 'iac-data', 'iac-network', 'global', 'findings'];
const APP_CATEGORIES = new Set(['code', 'config', 'findings']);

function usage(message) {
  process.stderr.write(`${message}\nusage: npm run new-rule -- <id> [--category ${CATEGORIES.join('|')}] [--root DIR]\n`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = { id: undefined, category: 'code', root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--category') options.category = argv[++i];
    else if (a === '--root') options.root = path.resolve(argv[++i] ?? '');
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (options.id === undefined) options.id = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!options.id) usage('missing rule id');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(options.id)) usage(`"${options.id}" is not a rule id: lowercase words joined by hyphens, like sdk-literal-region`);
  if (!CATEGORIES.includes(options.category)) usage(`unknown category "${options.category}"`);
  return options;
}

/** `sdk-literal-region` → `sdkLiteralRegion`, the name the catalogues import a rule under. */
function camelCase(id) {
  return id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

function ruleModule(id, category) {
  return `/**
 * ${id}: TODO one sentence — what the rule finds, and what breaks during a regional outage.
 */
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: '${id}',
    title: 'TODO short title',
    description: 'TODO: the risk during a regional outage, in a sentence or two (SARIF fullDescription, hover).',
    defaultSeverity: 'medium',
    category: '${category}',
    scope: 'dependency', // TODO: what its findings depend on (RuleScope in types.ts): dependency, file, resources or workspace
    source: 'https://docs.aws.amazon.com/TODO',
  },
  check(context) {
    for (const dep of context.dependencies) {
      // TODO: keep the dependencies this rule is about (kind, service, resource facts, region) …
      if (dep.kind !== 'sdk-client') continue;
      // … and report each at the dependency, saying what fails during an outage of its region:
      // context.report({ dependency: dep, message: \`…\` });
    }
  },
};
`;
}

function ruleTest(id) {
  return `import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/${id}';
import { dep } from '../../support/deps';
import { located, ruleTester, runRulesOn } from '../../support/ruleTester';

describe('${id}', () => {
  // Realistic workspaces, scanned and resolved as the CLI does: each invalid case lists every
  // finding (message, line, column, severity); each valid case is a correct neighbour.
  ruleTester(rule).run({
    valid: [
      {
        name: 'TODO (what must not be reported): the region comes from the environment',
        files: { 'src/orders.ts': 'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\\n\\nconst ddb = new DynamoDBClient({ region: process.env.AWS_REGION });\\n' },
      },
    ],
    invalid: [
      {
        name: 'TODO (what the rule finds), at the construct',
        files: { 'src/orders.ts': 'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\\n\\nconst ddb = new DynamoDBClient({ region: "us-east-1" });\\n' },
        errors: [{ message: /TODO what the message says/, line: 3, column: 13, severity: 'medium' }],
      },
    ],
  });

  describe('over hand-built dependencies', () => {
    it('reports TODO (what the rule finds), at the dependency', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: 'dynamodb', name: 'DynamoDBClient', origin: 'js-v3', file: 'src/orders.ts', line: 3, column: 13, region: 'us-east-1', regionSource: 'literal' }),
      ]);
      assert.deepEqual(located(findings), ['src/orders.ts:3:13 medium']);
    });

    it('leaves TODO (what must not be reported) alone', () => {
      const findings = runRulesOn(rule, [dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/orders.ts', line: 3, region: null, regionSource: 'unresolved' })]);
      assert.deepEqual(located(findings), []);
    });
  });
});
`;
}

function ruleDoc(id, category) {
  return `# ${id}

**TODO short title**

| | |
|---|---|
| Default severity | medium |
| Category | ${category} |
| Formats | TODO every format the rule covers |
| Source | [TODO title of the AWS documentation page](https://docs.aws.amazon.com/TODO) |

## What it finds

TODO: the constructs reported, in every format, and what is deliberately left to other rules.

## Why it is a risk during an outage

TODO: what fails, concretely, during a regional outage such as us-east-1 on 20 October 2025.

## How to fix

TODO: the change that removes the single-region dependency.

## Examples

### TypeScript

\`\`\`ts noncompliant file=src/orders.ts
// TODO: a realistic file that makes ${id} report
\`\`\`

\`\`\`ts compliant file=src/orders.ts
// TODO: the same file, fixed
\`\`\`

## Severity and tiers

Medium. TODO: escalations, tier-awareness. Override with \`rules: { ${id}: { severity: … } }\`.

## Limits

TODO: what the rule cannot see; for heuristic rules, the false positives it accepts.
`;
}

const { id, category, root } = parseArguments(process.argv.slice(2));
const files = [
  [`src/core/rules/${id}.ts`, ruleModule(id, category)],
  [`test/core/rules/${id}.test.ts`, ruleTest(id)],
  [`docs/rules/${id}.md`, ruleDoc(id, category)],
];
const existing = files.filter(([rel]) => existsSync(path.join(root, rel))).map(([rel]) => rel);
if (existing.length) {
  process.stderr.write(`not overwriting: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}\n`);
  process.exit(1);
}
for (const [rel, text] of files) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

const catalogue = APP_CATEGORIES.has(category) ? 'src/core/rules/catalogue-app.ts (APP_RULES)' : 'src/core/rules/catalogue-iac.ts (IAC_RULES)';
process.stdout.write(`Created:
${files.map(([rel]) => `  ${rel}`).join('\n')}

The rule is not registered yet. To register it:
  1. ${catalogue}:
       import { rule as ${camelCase(id)} } from './${id}';
     and add ${camelCase(id)} to the array, in RULES.md order.
  2. docs/rules/README.md, index table:
       | [${id}](${id}.md) | <title> | medium | <section> |
  3. schemas/outage-radar.schema.json: add "${id}" to definitions.ruleId.enum.
Then fill in the TODOs; test/core/rules/catalogue.test.ts, docs-examples.test.ts and ${id}.test.ts
fail until the module, its page and its tests agree.
`);
