import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rule } from '../../../src/core/rules/s3-bucket-no-cross-region-replication';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const samconfig = (region: string) => `version = 0.1
[default.deploy.parameters]
region = "${region}"
`;

const PLAIN = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  UploadsBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
`;

const replicating = (destination: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ReplicationRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: s3.amazonaws.com
            Action: sts:AssumeRole
  UploadsBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
      ReplicationConfiguration:
        Role: !GetAtt ReplicationRole.Arn
        Rules:
          - Status: Enabled
            Destination:
              Bucket: ${destination}
${extra}`;

const REPLICA_IN_STACK = `  ReplicaBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
`;

describe('rule s3-bucket-no-cross-region-replication', () => {
  it('reports a bucket without replication, low at the default tier and moving with the tier', async () => {
    const files = { 'template.yaml': PLAIN, 'samconfig.toml': samconfig('eu-west-1') };
    const findings = await scanWith(rule, files);
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.match(findings[0].message, /UploadsBucket exists only in eu-west-1/);
    assert.deepEqual(located(await scanWith(rule, files, { tier: 'Critical' })), ['template.yaml:3:3 medium']);
    assert.deepEqual(located(await scanWith(rule, files, { tier: 'CoreServices' })), ['template.yaml:3:3 info']);
  });

  it('accepts replication to a destination whose ARN names another region', async () => {
    const files = { 'template.yaml': replicating('arn:aws:s3:::uploads-replica-us-west-2'), 'samconfig.toml': samconfig('eu-west-1') };
    assert.deepEqual(await scanWith(rule, files), []);
  });

  it('reports replication to a bucket of the same stack (same region), not the destination itself', async () => {
    const files = { 'template.yaml': replicating('!GetAtt ReplicaBucket.Arn', REPLICA_IN_STACK), 'samconfig.toml': samconfig('eu-west-1') };
    const findings = await scanWith(rule, files);
    assert.deepEqual(located(findings), ['template.yaml:13:3 low']);
    assert.match(findings[0].message, /replicates only within eu-west-1/);
    assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.message}`), ['24:replication destination ReplicaBucket']);
  });

  it('reports at info when the destination region is unknown', async () => {
    const findings = await scanWith(rule, { 'template.yaml': replicating('arn:aws:s3:::uploads-dr') });
    assert.deepEqual(located(findings), ['template.yaml:13:3 info']);
    assert.match(findings[0].message, /destination region unknown/);
  });

  it('places a destination declared in another stack of the workspace in that stack\'s region', async () => {
    const dr = `Resources:
  DrBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: uploads-dr
      VersioningConfiguration:
        Status: Enabled
`;
    const files = {
      'primary/template.yaml': replicating('arn:aws:s3:::uploads-dr'),
      'primary/samconfig.toml': samconfig('us-east-1'),
      'dr/template.yaml': dr,
      'dr/samconfig.toml': samconfig('us-west-2'),
    };
    assert.deepEqual(await scanWith(rule, files), []);
    const sameRegion = { ...files, 'dr/samconfig.toml': samconfig('us-east-1') };
    assert.deepEqual(located(await scanWith(rule, sameRegion)), ['primary/template.yaml:13:3 low']);
  });

  it('reads Terraform replication configurations and their destination\'s provider region', async () => {
    const tf = (alias: string) => `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads-primary"
}

resource "aws_s3_bucket" "replica" {
  provider = ${alias}
  bucket   = "uploads-replica"
}

resource "aws_s3_bucket_replication_configuration" "uploads" {
  role   = "arn:aws:iam::111122223333:role/s3-replication"
  bucket = aws_s3_bucket.uploads.id

  rule {
    id     = "all"
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}
`;
    // The source bucket (line 10); the replica is the copy and is not reported (test above).
    const source = (findings: Awaited<ReturnType<typeof scanWith>>) => findings.filter((f) => f.line === 10);
    assert.deepEqual(source(await scanWith(rule, { 'main.tf': tf('aws.west') })), []);
    const findings = source(await scanWith(rule, { 'main.tf': tf('aws') }));
    assert.deepEqual(located(findings), ['main.tf:10:1 low']);
    assert.match(findings[0].message, /replicates only within us-east-1/);
  });

  it('does not report the destination bucket of a Terraform replication configuration, and counts the source as replicated', async () => {
    // The shape of examples/infra/terraform: the destination is declared with an aliased provider of another region.
    const tf = (alias: string) => `provider "aws" {
  region = var.primary_region
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

variable "primary_region" {
  type    = string
  default = "us-east-1"
}

resource "aws_s3_bucket" "assets" {
  bucket = "shop-assets-123456789012"
}

resource "aws_s3_bucket" "assets_dr" {
  provider = ${alias}
  bucket   = "shop-assets-dr-123456789012"
}

resource "aws_s3_bucket_replication_configuration" "assets" {
  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.assets.id

  rule {
    id     = "everything"
    status = "Enabled"

    destination {
      bucket        = aws_s3_bucket.assets_dr.arn
      storage_class = "STANDARD"
    }
  }
}
`;
    assert.deepEqual(await scanWith(rule, { 'infra/main.tf': tf('aws.dr') }), []);
    // Same region: only the source is reported, with the configuration and the destination as related locations.
    const findings = await scanWith(rule, { 'infra/main.tf': tf('aws') });
    assert.deepEqual(located(findings), ['infra/main.tf:15:1 low']);
    assert.match(findings[0].message, /S3 bucket assets replicates only within us-east-1/);
    assert.deepEqual(findings[0].related?.map((r) => `${r.file}:${r.line}:${r.message}`), [
      'infra/main.tf:24:replication configuration assets',
      'infra/main.tf:19:replication destination assets_dr',
    ]);
  });

  it('places a Terraform destination written as an ARN at the workspace bucket of that name', async () => {
    const tf = (alias: string) => `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-north-1"
}

resource "aws_s3_bucket" "media" {
  bucket = "acme-media"
}

resource "aws_s3_bucket" "media_dr" {
  provider = ${alias}
  bucket   = "acme-media-dr"
}

resource "aws_s3_bucket_replication_configuration" "media" {
  role   = "arn:aws:iam::111122223333:role/s3-replication"
  bucket = aws_s3_bucket.media.id

  rule {
    id     = "all"
    status = "Enabled"

    destination {
      bucket = "arn:aws:s3:::acme-media-dr"
    }
  }
}
`;
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf('aws.dr') }), []);
    const findings = await scanWith(rule, { 'main.tf': tf('aws') });
    assert.deepEqual(located(findings), ['main.tf:10:1 low']);
    assert.match(findings[0].message, /replicates only within eu-west-1/);
  });

  it('does not report the destination of provider v3 inline replication (replication_configuration in aws_s3_bucket)', async () => {
    const tf = `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "central"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "destination" {
  provider = aws.central
  bucket   = "reports-replica"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "source" {
  bucket = "reports"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = "arn:aws:iam::111122223333:role/s3-replication"

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket        = aws_s3_bucket.destination.arn
        storage_class = "STANDARD"
      }
    }
  }
}
`;
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf }), []);
  });

  it('reports at info a Terraform destination given by a variable (its region unknown)', async () => {
    const tf = `provider "aws" {
  region = "us-east-1"
}

variable "replica_bucket_arn" {
  type = string
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads-primary"
}

resource "aws_s3_bucket_replication_configuration" "uploads" {
  role   = "arn:aws:iam::111122223333:role/s3-replication"
  bucket = aws_s3_bucket.uploads.id

  rule {
    id     = "all"
    status = "Enabled"

    destination {
      bucket = var.replica_bucket_arn
    }
  }
}
`;
    const findings = await scanWith(rule, { 'main.tf': tf });
    assert.deepEqual(located(findings), ['main.tf:9:1 info']);
    assert.match(findings[0].message, /destination region unknown/);
  });

  it('does not report a bucket that a replication configuration names as its destination', () => {
    const source = resource('aws_s3_bucket', 'uploads', { service: 's3', region: 'us-east-1' });
    const replica = resource('aws_s3_bucket', 'replica', { service: 's3', region: 'us-west-2' });
    const config = resource('aws_s3_bucket_replication_configuration', 'uploads', {
      service: 's3', region: 'us-east-1',
      facts: { replicaRegions: ['us-west-2'], attributes: { replicaOf: ['aws_s3_bucket.uploads.id'], replicationDestinations: ['aws_s3_bucket.replica.arn'] } },
    });
    assert.deepEqual(runOn(rule, [source, replica, config]), []);
    // Without the configuration, both buckets stand alone.
    assert.equal(runOn(rule, [source, replica]).length, 2);
  });

  it('reads CDK and Pulumi buckets through the same facts', () => {
    const cdk = resource('aws-cdk-lib/aws-s3.Bucket', 'Assets', { service: 's3', file: 'lib/stack.ts', region: 'eu-west-1' });
    const pulumi = resource('aws:s3/bucketV2:BucketV2', 'assets', { service: 's3', file: 'index.ts', region: 'eu-west-1', facts: { replicaRegions: ['eu-central-1'] } });
    assert.deepEqual(runOn(rule, [cdk, pulumi]).map((f) => f.dependencyIds[0]), [cdk.id]);
  });
});

const SITE_APP = join(__dirname, '../../fixtures/cdk/replicated-site');
/** The CDK app of test/fixtures/cdk/replicated-site: a site stack in eu-west-1, its certificate in us-east-1, its replica in us-west-2. */
const siteApp = (only = ['bin/site.ts', 'lib/certificate-stack.ts', 'lib/replica-stack.ts', 'lib/site-stack.ts']): Record<string, string> =>
  Object.fromEntries(only.map((rel) => [rel, readFileSync(join(SITE_APP, rel), 'utf8')]));

describe('rule s3-bucket-no-cross-region-replication on AWS CDK apps', () => {
  it('accepts replication to a bucket of a stack in another region, passed from stack to stack, and does not report the copy', async () => {
    assert.deepEqual(located(await scanWith(rule, siteApp())), []);
  });

  it('without the app that places the stacks, the destination region is unknown and the copy looks unreplicated', async () => {
    const findings = await scanWith(rule, siteApp(['lib/replica-stack.ts', 'lib/site-stack.ts']));
    assert.deepEqual(located(findings), ['lib/replica-stack.ts:11:19 low', 'lib/site-stack.ts:30:21 info']);
    assert.match(findings[1].message, /destination region unknown/);
  });

  const readme = (destinationRegion: string) => [
    "import { App, PhysicalName, Stack } from 'aws-cdk-lib';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    'const app = new App();',
    "const stack1 = new Stack(app, 'Stack1', { env: { region: 'us-east-1' } });",
    `const stack2 = new Stack(app, 'Stack2', { env: { region: '${destinationRegion}' } });`,
    "const destinationBucket = new s3.Bucket(stack2, 'DestinationBucket', { versioned: true, bucketName: PhysicalName.GENERATE_IF_NEEDED });",
    "new s3.Bucket(stack1, 'SourceBucket', { versioned: true, replicationRules: [{ destination: destinationBucket, priority: 1 }] });",
  ].join('\n');

  it('places a destination of another stack of the same file in its stack\'s region', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'bin/app.ts': readme('us-west-2') })), []);
    const same = await scanWith(rule, { 'bin/app.ts': readme('us-east-1') });
    assert.deepEqual(located(same), ['bin/app.ts:7:1 low']);
    assert.match(same[0].message, /replicates only within us-east-1/);
    assert.deepEqual(same[0].related?.map((r) => `${r.line} ${r.message}`), ['6 replication destination DestinationBucket']);
  });

  it('reads the region of an imported destination bucket', async () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'export class UploadsStack extends Stack {',
      '  build() {',
      "    const dr = s3.Bucket.fromBucketAttributes(this, 'Dr', { bucketName: 'shop-uploads-dr', region: 'eu-central-1' });",
      "    new s3.Bucket(this, 'Uploads', { versioned: true, replicationRules: [{ destination: dr, priority: 1 }] });",
      "    const arnOnly = s3.Bucket.fromBucketArn(this, 'Elsewhere', 'arn:aws:s3:::shop-exports-copy');",
      "    new s3.Bucket(this, 'Exports', { versioned: true, replicationRules: [{ destination: arnOnly, priority: 1 }] });",
      '  }',
      '}',
    ].join('\n');
    const findings = await scanWith(rule, { 'lib/uploads-stack.ts': text });
    // An S3 ARN names no region: the destination's region is unknown.
    assert.deepEqual(located(findings), ['lib/uploads-stack.ts:8:5 info']);
  });
});
