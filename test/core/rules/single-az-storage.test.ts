import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/single-az-storage';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

describe('rule single-az-storage', () => {
  it('reports S3 lifecycle transitions to ONEZONE_IA, EFS One Zone and directory buckets in CloudFormation', async () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ReportsBucket:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Id: cool-down
            Status: Enabled
            Transitions:
              - StorageClass: ONEZONE_IA
                TransitionInDays: 30
  SharedFiles:
    Type: AWS::EFS::FileSystem
    Properties:
      AvailabilityZoneName: eu-west-1a
      Encrypted: true
  ScratchBucket:
    Type: AWS::S3Express::DirectoryBucket
    Properties:
      DataRedundancy: SingleAvailabilityZone
      LocationName: euw1-az1
`;
    const findings = await scanWith(rule, { 'template.yaml': template });
    assert.deepEqual(located(findings), ['template.yaml:3:3 medium', 'template.yaml:13:3 medium', 'template.yaml:18:3 medium']);
    assert.match(findings[0].message, /ReportsBucket stores objects in S3 One Zone-IA/);
    assert.match(findings[1].message, /SharedFiles is One Zone \(eu-west-1a\)/);
    assert.match(findings[2].message, /S3 Express One Zone/);
  });

  it('accepts Standard-IA transitions and regional EFS', async () => {
    const template = `Resources:
  ReportsBucket:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Id: cool-down
            Status: Enabled
            Transitions:
              - StorageClass: STANDARD_IA
                TransitionInDays: 30
  SharedFiles:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template }), []);
  });

  it('is not tier-aware', async () => {
    const template = `Resources:
  SharedFiles:
    Type: AWS::EFS::FileSystem
    Properties:
      AvailabilityZoneName: eu-west-1b
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': template }, { tier: 'NonCritical' })), ['template.yaml:2:3 medium']);
  });

  it('reports Terraform lifecycle configurations and One Zone file systems', async () => {
    const tf = `resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports"
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

  rule {
    id     = "cool-down"
    status = "Enabled"

    transition {
      days          = 30
      storage_class = "ONEZONE_IA"
    }
  }
}

resource "aws_efs_file_system" "shared" {
  availability_zone_name = "us-east-1a"
}

resource "aws_efs_file_system" "regional" {
  encrypted = true
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'storage.tf': tf })), ['storage.tf:5:1 medium', 'storage.tf:19:1 medium']);
  });

  it('reads the attribute for CDK and Pulumi resources alike', () => {
    const cdk = resource('aws-cdk-lib/aws-efs.FileSystem', 'Shared', { service: 'elasticfilesystem', file: 'lib/stack.ts', facts: { attributes: { singleAzStorage: true, availabilityZones: ['eu-west-1a'] } } });
    const pulumi = resource('aws:s3/directoryBucket:DirectoryBucket', 'scratch', { service: 's3', file: 'index.ts' });
    const ordinary = resource('aws-cdk-lib/aws-s3.Bucket', 'Assets', { service: 's3', file: 'lib/stack.ts' });
    assert.deepEqual(runOn(rule, [cdk, pulumi, ordinary]).map((f) => f.dependencyIds[0]).sort(), [cdk.id, pulumi.id].sort());
  });
});
