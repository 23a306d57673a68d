/**
 * Typed links (`relations`) made by resolution from the references declarations write: a realistic
 * CloudFormation template, Terraform module and CDK stack, each with the exact list of links that
 * must be made and the near misses that must not (a same-named resource in another template or
 * module, a reference to something the workspace does not declare, a target of the wrong kind).
 */
import assert from 'node:assert/strict';
import type { Dependency, DependencyMap, RelationKind } from '../../../src/core/model';
import { analyseFiles } from '../../support/ruleTester';

/** Every typed link of the map between declared resources, as `from -kind-> to` by resource name. */
function resourceLinks(map: DependencyMap, kinds?: RelationKind[]): string[] {
  const byId = new Map(map.dependencies.map((d) => [d.id, d]));
  const label = (d: Dependency) => `${d.file}:${d.name ?? d.resource?.name}`;
  const out: string[] = [];
  for (const d of map.dependencies) {
    if (d.kind !== 'iac-resource') continue;
    for (const r of d.relations ?? []) {
      if (kinds && !kinds.includes(r.kind)) continue;
      const to = byId.get(r.to);
      assert.ok(to, `${label(d)} links to a dependency of the map`);
      out.push(`${label(d)} -${r.kind}-> ${label(to)}`);
    }
  }
  return out.sort();
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Payments data (primary region)
Resources:
  PaymentsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'
  PaymentsTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      TableName: payments
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
      Replicas:
        - Region: !Ref AWS::Region
          SSESpecification: { KMSMasterKeyId: !GetAtt PaymentsKey.Arn }
        - Region: us-west-2
          SSESpecification: { KMSMasterKeyId: alias/payments-west }
  LedgerDatabase:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceIdentifier: ledger
      Engine: postgres
      DBInstanceClass: db.r6g.large
      AllocatedStorage: '100'
      MultiAZ: true
      StorageEncrypted: true
      KmsKeyId: !Ref PaymentsKey
  LedgerReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      SourceDBInstanceIdentifier: !Ref LedgerDatabase
  ReportsReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:123456789012:db:reports
  SiteCertificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: shop.example.com
      ValidationMethod: DNS
  SiteDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Aliases: [shop.example.com]
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
        Origins:
          - Id: site
            DomainName: shop-site.s3.amazonaws.com
            S3OriginConfig: {}
        ViewerCertificate:
          AcmCertificateArn: !Ref SiteCertificate
          SslSupportMethod: sni-only
`;

/** Another stack of the workspace with resources of the same logical ids: logical ids do not cross templates. */
const OTHER_TEMPLATE = `Resources:
  PaymentsKey:
    Type: AWS::KMS::Key
    Properties:
      MultiRegion: true
  LedgerDatabase:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t4g.small
      Engine: postgres
  SiteCertificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: other.example.com
`;

const TERRAFORM = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "orders" {
  description  = "orders table"
  multi_region = false
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
}

resource "aws_dynamodb_table_replica" "orders_west" {
  provider         = aws.west
  global_table_arn = aws_dynamodb_table.orders.arn
}

resource "aws_acm_certificate" "site" {
  domain_name       = "shop.example.com"
  validation_method = "DNS"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = "shop-site.s3.amazonaws.com"
    origin_id   = "site"
  }
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn = aws_acm_certificate.site.arn
    ssl_support_method  = "sni-only"
  }
}
`;

/** A module in another folder declaring the same addresses: Terraform addresses do not cross modules. */
const OTHER_MODULE = `resource "aws_kms_key" "orders" {
  description = "another module's key"
}

resource "aws_dynamodb_table_replica" "orders_west" {
  global_table_arn = aws_dynamodb_table.orders.arn
}

resource "aws_acm_certificate" "site" {
  domain_name       = "other.example.com"
  validation_method = "DNS"
}
`;

const CDK_STACK = `import { Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export class SiteStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const replica = new s3.Bucket(this, 'SiteReplica', { versioned: true });
    const site = new s3.Bucket(this, 'SiteBucket', {
      versioned: true,
      replicationRules: [{ destination: replica, priority: 1 }],
    });
    const certificate = new acm.Certificate(this, 'SiteCertificate', {
      domainName: 'shop.example.com',
      validation: acm.CertificateValidation.fromDns(),
    });
    new cloudfront.Distribution(this, 'SiteDistribution', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) },
      domainNames: ['shop.example.com'],
      certificate,
    });
    const imported = acm.Certificate.fromCertificateArn(this, 'Imported', 'arn:aws:acm:eu-west-1:123456789012:certificate/0f3c6a61-4d1c-4a2b-9f1e-0a1b2c3d4e5f');
    new cloudfront.Distribution(this, 'DocsDistribution', {
      defaultBehavior: { origin: new origins.HttpOrigin('docs.example.com') },
      domainNames: ['docs.example.com'],
      certificate: imported,
    });
  }
}
`;

describe('typed links between declared resources', function () {
  this.timeout(60_000);

  it('CloudFormation: keys, certificates and read replicas by logical id, inside their own template only', async () => {
    const map = await analyseFiles({ 'payments/template.yaml': TEMPLATE, 'other/template.yaml': OTHER_TEMPLATE });
    assert.deepEqual(resourceLinks(map), [
      'payments/template.yaml:LedgerDatabase -uses-key-> payments/template.yaml:PaymentsKey',
      'payments/template.yaml:LedgerReplica -replica-of-> payments/template.yaml:LedgerDatabase',
      'payments/template.yaml:PaymentsTable -uses-key-> payments/template.yaml:PaymentsKey',
      'payments/template.yaml:SiteDistribution -uses-certificate-> payments/template.yaml:SiteCertificate',
    ]);
    // A replica of a database the workspace does not declare states its source, and links to nothing.
    const reports = map.dependencies.find((d) => d.resource?.name === 'ReportsReplica');
    assert.deepEqual(reports?.resource?.attributes?.readReplicaOf ?? reports?.resource?.attributes?.replicaOf, ['arn:aws:rds:us-east-1:123456789012:db:reports']);
    assert.equal(reports?.relations, undefined);
  });

  it('Terraform: keys, certificates and table replicas by address, inside their own module folder only', async () => {
    const map = await analyseFiles({ 'infra/main.tf': TERRAFORM, 'modules/other/main.tf': OTHER_MODULE });
    assert.deepEqual(resourceLinks(map), [
      'infra/main.tf:aws_cloudfront_distribution.site -uses-certificate-> infra/main.tf:aws_acm_certificate.site',
      'infra/main.tf:aws_dynamodb_table.orders -uses-key-> infra/main.tf:aws_kms_key.orders',
      'infra/main.tf:aws_dynamodb_table_replica.orders_west -replica-of-> infra/main.tf:aws_dynamodb_table.orders',
    ]);
  });

  it('CDK: the certificate and the replication destination constructs of the stack; an imported certificate links to nothing', async () => {
    const map = await analyseFiles({ 'lib/site-stack.ts': CDK_STACK });
    assert.deepEqual(resourceLinks(map), [
      'lib/site-stack.ts:SiteBucket -replicates-to-> lib/site-stack.ts:SiteReplica',
      'lib/site-stack.ts:SiteDistribution -uses-certificate-> lib/site-stack.ts:SiteCertificate',
    ]);
    const docs = map.dependencies.find((d) => d.resource?.name === 'DocsDistribution');
    assert.ok(docs?.resource?.attributes?.viewerCertificateArn, 'the imported certificate is stated');
    assert.equal(docs?.relations, undefined);
  });

  it('records which reference named each target, so that one target named twice is two links', async () => {
    const map = await analyseFiles({ 'infra/main.tf': TERRAFORM });
    const table = map.dependencies.find((d) => d.name === 'aws_dynamodb_table.orders');
    assert.deepEqual(table?.relations?.map((r) => [r.kind, r.index]), [['uses-key', 0]]);
  });

  it('links code to the function that deploys it and the calls to the table they write', async () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersTable:
    Type: AWS::Serverless::SimpleTable
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: orders.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE_NAME: !Ref OrdersTable
`;
    const handler = `import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export async function handler(event: { id: string }) {
  await client.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { pk: { S: event.id } } }));
}
`;
    const map = await analyseFiles({ 'template.yaml': template, 'src/orders.ts': handler, 'scripts/seed.ts': handler });
    const byId = new Map(map.dependencies.map((d) => [d.id, d]));
    const linksOf = (file: string, kind: Dependency['kind']) =>
      map.dependencies.filter((d) => d.file === file && d.kind === kind).flatMap((d) => (d.relations ?? []).map((r) => `${r.kind} ${byId.get(r.to)?.resource?.name}`));
    assert.deepEqual(linksOf('src/orders.ts', 'sdk-client').sort(), ['deployed-by OrdersFunction', 'reads-writes OrdersTable']);
    assert.deepEqual(linksOf('src/orders.ts', 'sdk-call').sort(), ['deployed-by OrdersFunction', 'reads-writes OrdersTable']);
    // A script no function deploys: no function, and its TABLE_NAME is not the stack's.
    assert.deepEqual(linksOf('scripts/seed.ts', 'sdk-client'), []);
    assert.deepEqual(linksOf('scripts/seed.ts', 'sdk-call'), []);
  });
});
