/**
 * What the fuzz suites feed each scanner: the file names it answers to, the words its format is
 * made of (so that random text reaches past `accepts` into the parser), and real files to mutate
 * — the examples, the test fixtures (the crash regressions of test/fixtures/robustness and the
 * corpus subset of test/fixtures/corpus among them) and the public CloudFormation corpus in
 * ../shared/corpus, which the slow suite (where fuzzing runs) requires.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SCANNERS } from '../../src/core/scanners';
import { sharedCorpus } from '../support/corpus';
import { BUDGET_BOUND_FIXTURES } from '../support/fixtures';

export const REPO = path.resolve(__dirname, '..', '..');

/** Files larger than this are not mutated: the point is many varied cases, not a few slow ones. */
const MAX_SEED_BYTES = 96 * 1024;

export interface SeedFile {
  /** the name the file is scanned under (workspace-relative) */
  file: string;
  text: string;
}

export interface FuzzTarget {
  scanner: string;
  /** names random text is scanned under */
  names: string[];
  /** openings that make the scanner accept random text after them */
  preambles: string[];
  /** the words and punctuation of the format */
  tokens: string[];
}

const YAML_TOKENS = [': ', ':', '- ', '\n', '\n  ', '\n    ', '\t', '"', "'", '#', '{', '}', '[', ']', ',', '&a ', '*a', '<<: *a', '!Ref ', '!Sub ', '!GetAtt ', '!!str ', '? ', '|\n  ', '>-\n  ', '---\n', '...\n', '%YAML 1.2\n', '\\', '${', '}', '${AWS::Region}', '${opt:region}', '${self:provider.region}', '${env:AWS_REGION}'];
/** Words of AWS itself, mixed into every format's random text. */
export const AWS_WORDS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'REGION', 'region', 'Region', 'arn:aws:sns:us-east-1:123456789012:topic', 'arn:aws:s3:::bucket', 'arn:${AWS::Partition}:iam::', 'dynamodb.us-east-1.amazonaws.com', 'https://sqs.eu-west-1.amazonaws.com/123/q', 'iam.amazonaws.com', 'lambda.amazonaws.com', '.on.aws', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'outage-radar-ignore sdk-literal-region: reason', 'outage-radar-ignore'];

export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    scanner: 'javascript',
    names: ['src/app.ts', 'lib/handler.js', 'bin/app.mjs', 'ui/view.tsx', 'stack.cjs'],
    preambles: ["import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n", "const AWS = require('aws-sdk');\n", "import * as cdk from 'aws-cdk-lib';\n", "import * as aws from '@pulumi/aws';\n", ''],
    tokens: ['new ', 'DynamoDBClient', 'S3Client', 'AWS.S3', 'AWS.config.update', '({ region: ', '})', ');', '(', ')', '{', '}', '[', ']', '`', '${', '"', "'", '//', '/*', '*/', ' as const', 'await client.send(new PutItemCommand({}))', 'process.env.AWS_REGION', '??', '||', ' = ', 'const ', 'export ', 'class X extends cdk.Stack {', 'new cdk.App()', 'env: { region: ', 'new aws.Provider(', '<div>', '</div>', '=>', '...', '\n', '\t', ';'],
  },
  {
    scanner: 'python',
    names: ['app/worker.py', 'handler.py'],
    preambles: ['import boto3\n', 'import botocore\nfrom boto3.session import Session\n', ''],
    tokens: ['boto3.client(', "'dynamodb'", 'region_name=', 'boto3.resource(', 'Session(', '.client(', 'os.environ["AWS_REGION"]', 'os.getenv(', 'def f():\n    ', 'class A:\n    ', 'if x:\n\t', '"""', "'''", 'f"{', '}', '(', ')', '[', ']', ':', '\n', '    ', '\t', '#', '\\\n', 'lambda: ', 'table.put_item(Item={})', 'config=Config(region_name=', 'endpoint_url='],
  },
  {
    scanner: 'cloudformation',
    names: ['template.yaml', 'infra/template.json', 'stack.template', 'cfn/app.yml'],
    preambles: ['AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n', 'Transform: AWS::Serverless-2016-10-31\nResources:\n', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {', ''],
    tokens: ['  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n', '  Fn:\n    Type: AWS::Serverless::Function\n', 'Type: ', 'AWS::S3::Bucket', 'AWS::CloudFront::Distribution', 'Properties:', 'Replicas:', 'Fn::Sub', 'Fn::GetAtt', '"Ref"', 'Ref: ', 'Condition: ', 'Parameters:', 'Globals:', 'Outputs:', 'Mappings:', 'CodeUri: ', '{"Type": "AWS::SQS::Queue"}', ...YAML_TOKENS],
  },
  {
    scanner: 'samconfig',
    names: ['samconfig.toml', 'samconfig.yaml', 'app/samconfig-dev.toml'],
    preambles: ['version = 0.1\n[default.deploy.parameters]\n', 'version: 0.1\ndefault:\n  deploy:\n    parameters:\n', ''],
    tokens: ['region = ', '"us-east-1"', '[', ']', '[[', ']]', '=', '"""', "'''", '.', 'default', 'deploy', 'parameters', 'global', 'template_file = ', 'stack_name = ', 'parameter_overrides = ', '{', '}', ',', '\n', '#', ...YAML_TOKENS],
  },
  {
    scanner: 'serverless',
    names: ['serverless.yml', 'serverless.json', 'api/serverless.yaml'],
    preambles: ['service: api\nprovider:\n  name: aws\n  region: us-east-1\n', '{"service": "api", "provider": {"name": "aws"', ''],
    tokens: ['functions:\n  hello:\n    handler: h.main\n', 'resources:\n  Resources:\n', 'custom:', 'stage: ', '${opt:stage, "dev"}', '${file(./x.yml):region}', '${ssm:/a/b}', '${cf:stack.Output}', 'events:\n      - http: GET /', 'environment:', 'iam:', ...YAML_TOKENS],
  },
  {
    scanner: 'terraform',
    names: ['main.tf', 'env/prod.tfvars', 'stack.tf.json', 'modules/x/variables.tf'],
    preambles: ['provider "aws" {\n  region = "us-east-1"\n}\n', 'terraform {\n  backend "s3" {\n', '{"provider": {"aws": {"region": ', ''],
    tokens: ['resource "aws_dynamodb_table" "t" {', 'resource "aws_s3_bucket" "b" {', 'module "m" {', 'source = "./x"', 'variable "region" {', 'default = ', 'locals {', 'data "aws_region" "current" {}', 'var.region', 'local.r', '${', '}', '{', '[', ']', '(', ')', '"', '<<EOT\n', 'EOT\n', 'for_each = ', 'count = ', 'each.value', 'lookup(', 'replica {', 'alias = "west"', 'provider = aws.west', '=', '\n', '  ', '#', '//', '/*', '*/', '? ', ' : ', '%{ if x }', '%{ endif }'],
  },
  {
    scanner: 'github-actions',
    names: ['.github/workflows/deploy.yml', 'ci/action.yml'],
    preambles: ['on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n', ''],
    tokens: ['      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-region: ', 'env:', 'AWS_REGION: ', 'strategy:\n  matrix:\n    region: [', '${{ matrix.region }}', '${{ secrets.X }}', '${{ inputs.region }}', 'run: aws s3 sync . s3://b --region ', 'run: sam deploy --region ', 'run: cdk deploy', 'run: terraform apply', 'workflow_call:\n  inputs:', ...YAML_TOKENS],
  },
  {
    scanner: 'gitlab-ci',
    names: ['.gitlab-ci.yml', '.gitlab/ci/deploy.yml'],
    preambles: ['stages: [deploy]\ndeploy:\n  stage: deploy\n  script:\n', ''],
    tokens: ['    - aws s3 cp x s3://y --region ', 'variables:', 'AWS_DEFAULT_REGION: ', 'extends: .base', '.base:', 'parallel:\n  matrix:\n    - REGION: [', 'include:', 'image: amazon/aws-cli', 'deploy', 'terraform', ...YAML_TOKENS],
  },
  {
    scanner: 'dotenv',
    names: ['.env', 'config/.env.production', 'app.env'],
    preambles: ['AWS_REGION=us-east-1\n', ''],
    tokens: ['AWS_REGION=', 'AWS_DEFAULT_REGION=', 'export ', 'AWS_ENDPOINT_URL_HEALTH=http://127.0.0.1', 'DYNAMODB_ENDPOINT=', '=', '"', "'", '`', '#', '\n', '\\n', '${AWS_REGION}', '$(cmd)', ' '],
  },
  {
    scanner: 'docker-compose',
    names: ['docker-compose.yml', 'compose.yaml', 'svc/compose.override.yml'],
    preambles: ['services:\n  api:\n    image: app\n    environment:\n', ''],
    tokens: ['      - AWS_REGION=', '      AWS_REGION: ', '${AWS_REGION:-us-east-1}', 'build:\n      context: ./api', 'env_file: .env', '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1', ...YAML_TOKENS],
  },
  {
    scanner: 'dockerfile',
    names: ['Dockerfile', 'svc/Dockerfile.prod', 'api.dockerfile'],
    preambles: ['FROM public.ecr.aws/lambda/nodejs:20\n', ''],
    tokens: ['ENV AWS_REGION=', 'ENV AWS_REGION ', 'ARG AWS_REGION=', 'RUN aws s3 cp s3://b/k . --region ', '\\\n', '# escape=`\n', '`\n', 'FROM ', ' AS build', '${AWS_REGION:-us-east-1}', '$AWS_REGION', '"', "'", '=', ' ', '\n', '\t', '[', ']', '<<EOF\n', 'EOF\n'],
  },
  {
    scanner: 'aws-config',
    names: ['.aws/config', 'deploy/settings.aws-config'],
    preambles: ['[default]\nregion = us-east-1\n', '[profile prod]\nsso_region = eu-west-1\n', ''],
    tokens: ['[profile ', '[sso-session ', '[services ', ']', 'region = ', 'sso_region = ', 'endpoint_url = ', 'dynamodb =\n  endpoint_url = ', '  ', '=', ';', '#', '\n', '\t', 'role_arn = arn:aws:iam::123456789012:role/x', 'source_profile = '],
  },
  {
    scanner: 'cdk-json',
    names: ['cdk.json', 'app/cdk.context.json'],
    preambles: ['{"app": "npx ts-node bin/app.ts", "context": {', ''],
    tokens: ['"region": ', '"us-east-1"', '"availability-zones:account=123456789012:region=us-east-1"', '[', ']', '{', '}', ',', ':', '"', '\\"', '\\u0000', '// c\n', '/* c */', 'null', 'true', '1e999', '"env": {"region": '],
  },
  {
    scanner: 'pulumi-yaml',
    names: ['Pulumi.yaml', 'infra/Pulumi.prod.yaml'],
    preambles: ['name: app\nruntime: nodejs\n', 'config:\n  aws:region: us-east-1\n', ''],
    tokens: ['aws:region: ', 'config:', 'resources:', '  provider:\n    type: pulumi:providers:aws\n    properties:\n      region: ', 'secure: AAABA', 'value: ', 'default: ', ...YAML_TOKENS],
  },
];

export function targetOf(scanner: string): FuzzTarget {
  const target = FUZZ_TARGETS.find((t) => t.scanner === scanner);
  if (!target) throw new Error(`no fuzz target for ${scanner}`);
  return target;
}

/** Every file under `dir` (recursively), as paths relative to `dir`. */
function filesUnder(dir: string, rel = ''): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'pending') out.push(...filesUnder(dir, child));
    } else if (entry.isFile()) out.push(child);
  }
  return out;
}

let allSeeds: SeedFile[] | undefined;

/** Real files: examples/, test/fixtures/ and the CloudFormation corpus, under their own names. */
export function realFiles(): SeedFile[] {
  if (allSeeds) return allSeeds;
  const out: SeedFile[] = [];
  const roots: Array<{ dir: string; prefix: string }> = [
    { dir: path.join(REPO, 'examples'), prefix: '' },
    { dir: path.join(REPO, 'test', 'fixtures'), prefix: '' },
    { dir: sharedCorpus('aws-cloudformation-templates'), prefix: '' },
  ];
  for (const { dir, prefix } of roots) {
    for (const rel of filesUnder(dir)) {
      const abs = path.join(dir, rel);
      if (statSync(abs).size > MAX_SEED_BYTES || BUDGET_BOUND_FIXTURES.has(rel)) continue;
      const text = readFileSync(abs, 'utf8');
      // A fixture is often scanned under a path that includes its folders (`.github/workflows/…`).
      out.push({ file: prefix + rel, text });
    }
  }
  allSeeds = out;
  return out;
}

/** The real files a scanner accepts, scanned under their own names. */
export function seedsFor(scanner: string): SeedFile[] {
  const s = SCANNERS.find((x) => x.id === scanner);
  if (!s) throw new Error(`no scanner ${scanner}`);
  const accepted = realFiles().filter((f) => {
    try {
      return s.accepts(f.file, f.text);
    } catch {
      return false;
    }
  });
  if (accepted.length) return accepted;
  // A scanner whose files are all known by their folder (a workflow under .github/workflows):
  // give its real files the target's first name.
  const name = targetOf(scanner).names[0];
  return realFiles().filter((f) => {
    try {
      return s.accepts(name, f.text) && f.file.split('/').pop() === name.split('/').pop();
    } catch {
      return false;
    }
  }).map((f) => ({ file: name, text: f.text }));
}
