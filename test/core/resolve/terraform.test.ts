import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { resolveRegions } from '../../../src/core/resolve';
import { scanFile } from '../../../src/core/scanners';
import type { ScanContext } from '../../../src/core/scanners/types';
import { loadLanguages } from '../../../src/node/languages';

const FIXTURES = path.join(__dirname, '../../fixtures/terraform');

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? filesUnder(p, base) : [path.relative(base, p).split(path.sep).join('/')];
    })
    .sort();
}

/** Scans a fixture folder as a workspace (through every scanner) and resolves it. */
function resolveFixture(name: string, context: ScanContext): Dependency[] {
  const dir = path.join(FIXTURES, name);
  const results = filesUnder(dir).map((f) => scanFile(f, readFileSync(path.join(dir, f), 'utf8'), context));
  return resolveRegions(results).dependencies;
}

/** A Terraform dependency's resolution, with its trace as `file:line reason` lines. */
function resolution(deps: Dependency[], name: string) {
  const d = deps.find((x) => x.name === name && x.origin === 'terraform');
  assert.ok(d, `no dependency named ${name}`);
  return {
    region: d.region,
    regionSource: d.regionSource,
    candidateRegions: d.candidateRegions,
    trace: (d.regionTrace ?? []).map((s) => `${s.file}:${s.line} ${s.reason}`),
    pending: d.regionRef !== undefined,
  };
}

describe('terraform pass', () => {
  let context: ScanContext;

  before(async () => {
    context = { languages: await loadLanguages() };
  });

  describe('a stack with tfvars, an aliased provider and a local module', () => {
    let deps: Dependency[];
    before(() => {
      deps = resolveFixture('stack', context);
    });

    it('takes terraform.tfvars over the variable default, and traces resource → provider → tfvars', () => {
      assert.deepEqual(resolution(deps, 'aws_dynamodb_table.orders'), {
        region: 'us-east-1',
        regionSource: 'config-file',
        candidateRegions: undefined,
        trace: [
          'main.tf:6 aws_dynamodb_table.orders uses provider aws',
          'providers.tf:21 provider "aws": region = var.region',
          'terraform.tfvars:1 region = "us-east-1"',
        ],
        pending: false,
      });
    });

    it('resolves the provider settings themselves', () => {
      assert.deepEqual(resolution(deps, 'provider.region'), {
        region: 'us-east-1',
        regionSource: 'config-file',
        candidateRegions: undefined,
        trace: ['terraform.tfvars:1 region = "us-east-1"'],
        pending: false,
      });
      assert.deepEqual(resolution(deps, 'provider.region (alias replica)'), {
        region: 'us-west-2',
        regionSource: 'variable',
        candidateRegions: undefined,
        trace: ['variables.tf:7 variable "replica_region" default = "us-west-2"'],
        pending: false,
      });
    });

    it('follows provider = aws.replica, in HCL and in the JSON syntax', () => {
      assert.deepEqual(resolution(deps, 'aws_s3_bucket.invoices_replica').trace, [
        'main.tf:46 aws_s3_bucket.invoices_replica uses provider aws.replica',
        'providers.tf:33 provider "aws" (alias replica): region = var.replica_region',
        'variables.tf:7 variable "replica_region" default = "us-west-2"',
      ]);
      const dlq = resolution(deps, 'aws_sqs_queue.orders_dlq');
      assert.equal(dlq.region, 'us-west-2');
      assert.equal(dlq.regionSource, 'variable');
    });

    it('gives module resources the providers the module call passes', () => {
      assert.deepEqual(resolution(deps, 'aws_sqs_queue.audit'), {
        region: 'us-east-1',
        regionSource: 'config-file',
        candidateRegions: undefined,
        trace: [
          'modules/audit-log/main.tf:15 aws_sqs_queue.audit uses provider aws in modules/audit-log',
          'main.tf:127 module "audit_log" passes aws as aws',
          'providers.tf:21 provider "aws": region = var.region',
          'terraform.tfvars:1 region = "us-east-1"',
        ],
        pending: false,
      });
      assert.deepEqual(resolution(deps, 'aws_sqs_queue.audit_dr').region, 'us-west-2');
      assert.deepEqual(resolution(deps, 'aws_sqs_queue.audit_dr').trace.slice(0, 2), [
        'modules/audit-log/main.tf:20 aws_sqs_queue.audit_dr uses provider aws.dr in modules/audit-log',
        'main.tf:127 module "audit_log" passes aws.replica as aws.dr',
      ]);
    });

    it('keeps a literal per-resource region and the backend\'s own region', () => {
      assert.deepEqual(resolution(deps, 'aws_sns_topic.eu_notices'), { region: 'eu-central-1', regionSource: 'literal', candidateRegions: undefined, trace: [], pending: false });
      assert.deepEqual(resolution(deps, 'backend "s3"'), { region: 'us-east-1', regionSource: 'literal', candidateRegions: undefined, trace: [], pending: false });
    });

    it('gives the replicated bucket the region of the destination bucket declared with another provider', () => {
      const byName = (n: string) => deps.find((d) => d.name === n)?.resource;
      assert.deepEqual(byName('aws_s3_bucket_replication_configuration.invoices')?.replicaRegions, ['us-west-2']);
      assert.deepEqual(byName('aws_s3_bucket.invoices')?.replicaRegions, ['us-west-2']);
      assert.equal(byName('aws_s3_bucket.invoices_replica')?.replicaRegions, undefined);
    });

    it('lets the global-service pass pin IAM after the provider region', () => {
      const role = resolution(deps, 'aws_iam_role.replication');
      assert.equal(role.region, 'us-east-1');
      assert.equal(role.regionSource, 'global-service');
      assert.equal(role.trace[0], 'main.tf:51 aws_iam_role.replication uses provider aws');
    });
  });

  it('makes the values of -var-file files candidates', () => {
    const deps = resolveFixture('environments', context);
    assert.deepEqual(resolution(deps, 'aws_sqs_queue.events'), {
      region: null,
      regionSource: 'config-file',
      candidateRegions: ['eu-west-1', 'us-east-1'],
      trace: [
        'main.tf:9 aws_sqs_queue.events uses provider aws',
        'main.tf:6 provider "aws": region = var.aws_region',
        'env/dev.tfvars:1 aws_region = "eu-west-1" (used with -var-file=env/dev.tfvars)',
        'env/prod.tfvars:1 aws_region = "us-east-1" (used with -var-file=env/prod.tfvars)',
      ],
      pending: false,
    });
    // A backend without region gets it at `terraform init`.
    assert.equal(resolution(deps, 'backend "s3"').regionSource, 'parameter');
  });

  it('leaves a variable with no value to apply time (parameter)', () => {
    const deps = resolveFixture('unset', context);
    assert.deepEqual(resolution(deps, 'aws_s3_bucket.artifacts'), {
      region: null,
      regionSource: 'parameter',
      candidateRegions: undefined,
      trace: [
        'main.tf:10 aws_s3_bucket.artifacts uses provider aws',
        'main.tf:7 provider "aws": region = var.region',
        'main.tf:1 variable "region" has no value in the workspace: it is given at plan/apply time',
      ],
      pending: false,
    });
  });

  it('follows locals, and gives both branches of a conditional as candidates', () => {
    const deps = resolveFixture('conditional', context);
    assert.deepEqual(resolution(deps, 'aws_sns_topic.deployments'), {
      region: null,
      regionSource: 'variable',
      candidateRegions: ['us-east-1', 'us-west-2'],
      trace: [
        'main.tf:14 aws_sns_topic.deployments uses provider aws',
        'main.tf:11 provider "aws": region = local.region',
        'main.tf:7 local.region = var.environment == "prod" ? "us-east-1" : "us-west-2"',
      ],
      pending: false,
    });
  });

  it('evaluates a module\'s variables in each module call', () => {
    const deps = resolveFixture('regional-modules', context);
    assert.deepEqual(resolution(deps, 'aws_dynamodb_table.carts'), {
      region: null,
      regionSource: 'variable',
      candidateRegions: ['eu-west-1', 'us-east-1'],
      trace: [
        'modules/regional/main.tf:9 aws_dynamodb_table.carts uses provider aws in modules/regional',
        'modules/regional/main.tf:6 provider "aws": region = var.region',
        'main.tf:6 module "eu" sets region = "eu-west-1"',
        'main.tf:11 module "us" sets region = var.primary_region',
        'main.tf:1 variable "primary_region" default = "us-east-1"',
      ],
      pending: false,
    });
  });

  it('follows a proxy provider block (alias only) of a called module to the provider its callers pass', () => {
    const deps = resolveFixture('proxy-providers', context);
    assert.deepEqual(resolution(deps, 'aws_sqs_queue.replica'), {
      region: 'us-west-2',
      regionSource: 'provider',
      candidateRegions: undefined,
      trace: [
        'modules/replicated-queue/main.tf:15 aws_sqs_queue.replica uses provider aws.replica in modules/replicated-queue',
        'modules/replicated-queue/main.tf:3 provider "aws" (alias replica) is a proxy: the module\'s callers pass aws.replica',
        'main.tf:10 module "orders_queue" passes aws.west as aws.replica',
        'main.tf:7 provider "aws" (alias west): region = "us-west-2"',
      ],
      pending: false,
    });
    // The proxy's own region setting is the one it is passed.
    assert.deepEqual(resolution(deps, 'provider.region (alias replica)'), {
      region: 'us-west-2',
      regionSource: 'provider',
      candidateRegions: undefined,
      trace: ['main.tf:10 module "orders_queue" passes aws.west as aws.replica', 'main.tf:7 provider "aws" (alias west): region = "us-west-2"'],
      pending: false,
    });
    assert.equal(resolution(deps, 'aws_sqs_queue.primary').region, 'us-east-1');
  });

  it('reads an aliased provider block that configures something (not a proxy) as a configuration of its own', () => {
    const results = [
      scanFile('main.tf', 'provider "aws" {\n  region = "us-east-1"\n}\n\nmodule "audit" {\n  source = "./modules/audit"\n  providers = {\n    aws.dr = aws\n  }\n}\n', context),
      scanFile('modules/audit/main.tf', 'provider "aws" {\n  alias  = "dr"\n  region = "eu-west-1"\n}\n\nresource "aws_sqs_queue" "audit_dr" {\n  provider = aws.dr\n  name     = "audit-dr"\n}\n', context),
    ];
    const deps = resolveRegions(results).dependencies;
    assert.equal(resolution(deps, 'aws_sqs_queue.audit_dr').region, 'eu-west-1');
  });

  it('takes a provider without region from the CI workflow that runs Terraform', () => {
    const deps = resolveFixture('env-region', context);
    assert.deepEqual(resolution(deps, 'aws_ecr_repository.api'), {
      region: 'eu-north-1',
      regionSource: 'deploy-config',
      candidateRegions: undefined,
      trace: [
        'infra/main.tf:4 aws_ecr_repository.api uses provider aws in infra',
        'infra/main.tf:2 provider "aws" sets no region: Terraform uses AWS_REGION / AWS_DEFAULT_REGION',
        '.github/workflows/terraform.yml:22 deployed by `terraform apply -auto-approve` in job apply in eu-north-1',
        '.github/workflows/terraform.yml:19 AWS_REGION exported by configure-aws-credentials',
      ],
      pending: false,
    });
  });

  it('takes a provider without region from AWS_REGION in an env file of its folder', () => {
    const deps = resolveFixture('dotenv-region', context);
    assert.deepEqual(resolution(deps, 'provider.region'), {
      region: 'eu-north-1',
      regionSource: 'env',
      candidateRegions: undefined,
      trace: ['infra/main.tf:1 provider "aws" sets no region: Terraform uses AWS_REGION / AWS_DEFAULT_REGION', 'infra/.env:1 AWS_REGION = eu-north-1'],
      pending: false,
    });
  });

  it('leaves a provider without region unresolved when nothing sets AWS_REGION', () => {
    const results = [scanFile('infra/main.tf', 'provider "aws" {}\n\nresource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n', context)];
    const deps = resolveRegions(results).dependencies;
    assert.deepEqual(resolution(deps, 'aws_sqs_queue.jobs'), {
      region: null,
      regionSource: 'unresolved',
      candidateRegions: undefined,
      trace: ['infra/main.tf:3 aws_sqs_queue.jobs uses provider aws in infra', 'infra/main.tf:1 provider "aws" sets no region: Terraform uses AWS_REGION / AWS_DEFAULT_REGION'],
      pending: false,
    });
  });

  it('uses the last auto-loaded variable file, in Terraform\'s order', () => {
    const results = [
      scanFile('main.tf', 'variable "region" {\n  default = "eu-west-1"\n}\n\nprovider "aws" {\n  region = var.region\n}\n\nresource "aws_sqs_queue" "q" {}\n', context),
      scanFile('terraform.tfvars', 'region = "us-east-2"\n', context),
      scanFile('zz.auto.tfvars', 'region = "ap-southeast-2"\n', context),
      scanFile('a.auto.tfvars', 'region = "ca-central-1"\n', context),
    ];
    const deps = resolveRegions(results).dependencies;
    const q = resolution(deps, 'aws_sqs_queue.q');
    assert.equal(q.region, 'ap-southeast-2');
    assert.equal(q.regionSource, 'config-file');
    assert.equal(q.trace[2], 'zz.auto.tfvars:1 region = "ap-southeast-2"');
  });

  it('resolves a per-resource region given as a variable', () => {
    const text = 'provider "aws" {\n  region = "us-east-1"\n}\n\nvariable "dr_region" {\n  default = "us-west-2"\n}\n\nresource "aws_sqs_queue" "dr" {\n  region = var.dr_region\n}\n';
    const deps = resolveRegions([scanFile('main.tf', text, context)]).dependencies;
    assert.deepEqual(resolution(deps, 'aws_sqs_queue.dr'), {
      region: 'us-west-2',
      regionSource: 'variable',
      candidateRegions: undefined,
      trace: ['main.tf:9 aws_sqs_queue.dr: region = var.dr_region', 'main.tf:5 variable "dr_region" default = "us-west-2"'],
      pending: false,
    });
  });

  it('does not loop on variables that refer to each other through module calls', () => {
    const results = [
      scanFile('main.tf', 'module "a" {\n  source = "./a"\n  region = var.region\n}\n\nvariable "region" {}\n', context),
      scanFile('a/main.tf', 'variable "region" {}\n\nmodule "root" {\n  source = "../"\n  region = var.region\n}\n\nprovider "aws" {\n  region = var.region\n}\n\nresource "aws_sqs_queue" "q" {}\n', context),
    ];
    const deps = resolveRegions(results).dependencies;
    const q = resolution(deps, 'aws_sqs_queue.q');
    assert.equal(q.region, null);
    assert.equal(q.pending, false);
  });
  it('reads map and object variables: a named key, or every item for a key Terraform picks (workspaces)', () => {
    const deps = resolveFixture('workspaces', context);
    const byName = (n: string) => {
      const r = resolution(deps, n);
      return [r.region, r.regionSource, r.candidateRegions];
    };
    assert.deepEqual(byName('provider.region'), [null, 'variable', ['eu-west-1', 'us-east-1', 'us-west-2']]);
    assert.deepEqual(byName('provider.region (alias replica)'), ['ap-southeast-1', 'variable', undefined]);
    assert.deepEqual(byName('provider.region (alias env)'), [null, 'variable', ['eu-central-1', 'eu-north-1']]);
    assert.deepEqual(resolution(deps, 'provider.region (alias replica)').trace, [
      'main.tf:10 variable "settings" default = { region = "ap-south-1" replica_region = "ap-southeast-1" }',
    ]);
  });

  it('falls back to the provider when a per-resource region variable defaults to null, in a registry-style module', () => {
    const deps = resolveFixture('registry-style', context);
    assert.deepEqual(resolution(deps, 'aws_dynamodb_table.this'), {
      region: 'eu-west-1',
      regionSource: 'provider',
      candidateRegions: undefined,
      trace: [
        'main.tf:4 aws_dynamodb_table.this: region = var.region',
        'variables.tf:6 variable "region" defaults to null',
        'main.tf:4 aws_dynamodb_table.this uses provider aws',
        'examples/global-tables/main.tf:5 module "dynamodb_table" inherits the default aws provider of examples/global-tables',
        'examples/global-tables/main.tf:2 provider "aws": region = "eu-west-1"',
      ],
      pending: false,
    });
    // A dynamic replica block: replicas exist, in regions the module's caller decides.
    const table = deps.find((d) => d.name === 'aws_dynamodb_table.this');
    assert.deepEqual(table?.resource?.replicaRegions, [null]);
    assert.equal(table?.resource?.attributes?.pointInTimeRecovery, null);
  });

  describe('a Lambda function packaged from Python code in the workspace', () => {
    let deps: Dependency[];
    before(() => {
      deps = resolveFixture('lambda-python', context);
    });

    const code = (line: number, kind: string) => {
      const d = deps.find((x) => x.file === 'src/orders_worker/handler.py' && x.line === line && x.kind === kind);
      assert.ok(d, `no ${kind} at line ${line}`);
      return d;
    };

    it('gives the code\'s clients the function\'s region, traced to the provider\'s variable', () => {
      const resource = code(6, 'sdk-client');
      assert.equal(resource.region, 'eu-west-1');
      assert.equal(resource.regionSource, 'variable');
      assert.deepEqual((resource.regionTrace ?? []).map((s) => `${s.file}:${s.line} ${s.reason}`), [
        'src/orders_worker/handler.py:6 no region option: the SDK reads AWS_REGION at run time',
        'infra/main.tf:23 deployed as aws_lambda_function.worker (code from src/orders_worker), whose AWS_REGION is the function\'s region',
        'infra/main.tf:23 aws_lambda_function.worker uses provider aws in infra',
        'infra/providers.tf:2 provider "aws": region = var.region',
        'infra/providers.tf:5 variable "region" default = "eu-west-1"',
      ]);
    });

    it('lets the deploy pass read other variables from the function\'s environment', () => {
      const archive = code(7, 'sdk-client');
      assert.equal(archive.region, 'eu-west-2');
      assert.equal(archive.regionSource, 'env');
    });

    it('links a call whose table name comes from an environment variable to the table', () => {
      const put = code(13, 'sdk-call');
      const table = deps.find((d) => d.name === 'aws_dynamodb_table.orders');
      assert.ok(table);
      assert.deepEqual(put.links, [code(6, 'sdk-client').id, table.id]);
      assert.equal(put.region, 'eu-west-1');
    });
  });
});
