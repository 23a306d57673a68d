/**
 * Hostile but small workspaces whose references fan out on every path (issue 15, items 2 and 3):
 * Terraform modules in a ring that call the next one many times each passing `var.region`, and
 * Serverless maps whose entries each reference the map through a deploy-time segment. The
 * regression tests and the fuzz generators build them here, so both exercise the same shapes.
 */

/** A chain m0 → m1 → … → m<modules-1> (no cycle), each module calling the next `callsEach` times: `callsEach^modules` paths. */
export function terraformModuleChain(modules: number, callsEach: number, region = 'us-east-1'): Array<{ file: string; text: string }> {
  return terraformModuleRing(modules, callsEach, region).map((f, i) => (i === modules ? { file: f.file, text: f.text.replace(/\nmodule "[\s\S]*$/, '\n') } : f));
}

/** `modules` folders m0 → m1 → … → m0, each calling the next `callsEach` times; the root calls m0 with a region. */
export function terraformModuleRing(modules: number, callsEach: number, region = 'us-east-1'): Array<{ file: string; text: string }> {
  const files = [{ file: 'main.tf', text: `module "m0" {\n  source = "./m0"\n  region = "${region}"\n}\n` }];
  for (let m = 0; m < modules; m++) {
    const next = (m + 1) % modules;
    let text = 'variable "region" {}\n\nprovider "aws" {\n  region = var.region\n}\n\nresource "aws_sqs_queue" "q" {}\n';
    for (let i = 0; i < callsEach; i++) text += `\nmodule "m${next}_${i}" {\n  source = "../m${next}"\n  region = var.region\n}\n`;
    files.push({ file: `m${m}/main.tf`, text });
  }
  return files;
}

/**
 * A `serverless.yml` whose `custom.<map>` entries each read `${self:custom.<map>.${opt:stage}}`
 * (and, with `maps` > 1, the next map's), with the provider region taken from the first map, whose
 * `prod` and `dev` entries are real regions.
 */
export function serverlessRecursiveMaps(entries: number, maps = 1): string {
  const lines = ['service: orders', '', 'provider:', '  name: aws', '  runtime: nodejs20.x', '  region: ${self:custom.m0.${opt:stage}}', '', 'custom:'];
  for (let m = 0; m < maps; m++) {
    lines.push(`  m${m}:`);
    if (m === 0) lines.push('    prod: us-east-1', '    dev: eu-west-1');
    for (let i = 0; i < entries; i++) {
      const target = i % 2 === 0 ? m : (m + 1) % maps;
      lines.push(`    k${i}: "\${self:custom.m${target}.\${opt:stage}}"`);
    }
  }
  lines.push('', 'functions:', '  hello:', '    handler: handler.hello', '');
  return lines.join('\n');
}

/**
 * A CDK app whose construct class L0 (holding a bucket) is instantiated `callsEach` times inside
 * L1, L1 `callsEach` times inside L2, … up to a stack deployed to `region`: `callsEach^levels`
 * paths from the bucket to the stack.
 */
export function cdkNestedConstructs(levels: number, callsEach: number, region = 'us-east-1'): Array<{ file: string; text: string }> {
  const lines = [
    "import { App, Stack, StackProps } from 'aws-cdk-lib';",
    "import { Construct } from 'constructs';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    '',
    'export class L0 extends Construct {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    "    new s3.Bucket(this, 'Data');",
    '  }',
    '}',
  ];
  const body = (inner: string) => Array.from({ length: callsEach }, (_, i) => `    new ${inner}(this, '${inner}_${i}');`);
  for (let l = 1; l < levels; l++) {
    lines.push('', `export class L${l} extends Construct {`, '  constructor(scope: Construct, id: string) {', '    super(scope, id);', ...body(`L${l - 1}`), '  }', '}');
  }
  lines.push('', 'export class Top extends Stack {', '  constructor(scope: Construct, id: string, props?: StackProps) {', '    super(scope, id, props);', ...body(`L${levels - 1}`), '  }', '}');
  lines.push('', 'const app = new App();', `new Top(app, 'Top', { env: { region: '${region}' } });`, '');
  return [{ file: 'lib/app.ts', text: lines.join('\n') }];
}

/** `const r<i> = x ? r<i-1> : r<i-1>` for i up to `length`, the last one an S3 client's region: `2^length` paths. */
export function jsConditionalChain(length: number, region = 'us-east-1'): string {
  const lines = ["import { S3Client } from '@aws-sdk/client-s3';", '', 'const x = process.env.USE_PRIMARY;', `const r0 = '${region}';`];
  for (let i = 1; i <= length; i++) lines.push(`const r${i} = x ? r${i - 1} : r${i - 1};`);
  lines.push(`export const s3 = new S3Client({ region: r${length} });`, '');
  return lines.join('\n');
}
