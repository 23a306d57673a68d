import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rule } from '../../../src/core/rules/acm-cloudfront-certificate-region';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const samconfig = (region: string) => `version = 0.1
[default.deploy.parameters]
region = "${region}"
`;

const distribution = (certificate: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
${extra}  SiteDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Aliases:
          - www.example.com
        Origins:
          - Id: site
            DomainName: www-origin.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
        ViewerCertificate:
          AcmCertificateArn: ${certificate}
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
`;

const CERTIFICATE = `  SiteCertificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: www.example.com
      ValidationMethod: DNS
`;

describe('rule acm-cloudfront-certificate-region', () => {
  it('reports a certificate ARN outside us-east-1 as high, with the ARN literal as related location', async () => {
    const findings = await scanWith(rule, { 'template.yaml': distribution('arn:aws:acm:eu-west-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d') });
    assert.deepEqual(located(findings), ['template.yaml:3:3 high']);
    assert.match(findings[0].message, /outside us-east-1 \(its ARN names eu-west-1\): CloudFront only accepts certificates from us-east-1/);
    assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.column} ${r.message}`), ['20:30 certificate ARN']);
  });

  it('reports a certificate in us-east-1 as info (issuance and renewal depend on it)', async () => {
    const findings = await scanWith(rule, { 'template.yaml': distribution('arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d') });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info']);
    assert.match(findings[0].message, /in us-east-1, as CloudFront requires/);
  });

  it('places a certificate of the same stack in the stack\'s deploy region', async () => {
    const files = (region: string) => ({ 'template.yaml': distribution('!Ref SiteCertificate', CERTIFICATE), 'samconfig.toml': samconfig(region) });
    const wrong = await scanWith(rule, files('eu-west-1'));
    assert.deepEqual(located(wrong), ['template.yaml:8:3 high']);
    assert.match(wrong[0].message, /certificate SiteCertificate is created in eu-west-1/);
    assert.deepEqual(wrong[0].related?.map((r) => `${r.line} ${r.message}`), ['3 certificate SiteCertificate']);
    assert.deepEqual(located(await scanWith(rule, files('us-east-1'))), ['template.yaml:8:3 info']);
  });

  it('uses the stack region for ${AWS::Region} in the ARN, and says when the region is unknown', async () => {
    const sub = '!Sub arn:aws:acm:${AWS::Region}:${AWS::AccountId}:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': distribution(sub), 'samconfig.toml': samconfig('ap-southeast-2') })), ['template.yaml:3:3 high']);
    const unknown = await scanWith(rule, { 'template.yaml': distribution(sub) });
    assert.deepEqual(located(unknown), ['template.yaml:3:3 info']);
    assert.match(unknown[0].message, /region is unknown/);
  });

  it('does not report a distribution with the default CloudFront certificate; not tier-aware', async () => {
    const plain = distribution('x').replace(/        ViewerCertificate:\n[\s\S]*$/, '        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': plain }), []);
    const wrong = distribution('arn:aws:acm:eu-west-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d');
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': wrong }, { tier: 'NonCritical' })), ['template.yaml:3:3 high']);
  });

  it('follows a Terraform certificate to its provider region', async () => {
    const tf = (certProvider: string) => `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}

resource "aws_acm_certificate" "site" {
  provider          = ${certProvider}
  domain_name       = "www.example.com"
  validation_method = "DNS"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  aliases = ["www.example.com"]

  origin {
    domain_name = "www-origin.example.com"
    origin_id   = "site"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
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
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf('aws') })), ['main.tf:16:1 high']);
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf('aws.use1') })), ['main.tf:16:1 info']);
  });

  it('reads CDK distributions through the same attribute', () => {
    const cdk = resource('aws-cdk-lib/aws-cloudfront.Distribution', 'Site', {
      service: 'cloudfront', file: 'lib/site.ts', facts: { attributes: { viewerCertificateArn: 'arn:aws:acm:eu-central-1:111122223333:certificate/abc' } },
    });
    assert.deepEqual(located(runOn(rule, [cdk])), [`lib/site.ts:${cdk.line}:1 high`]);
  });
});

const SITE_APP = join(__dirname, '../../fixtures/cdk/replicated-site');
/** The CDK app of test/fixtures/cdk/replicated-site: a site stack in eu-west-1, its certificate in us-east-1, its replica in us-west-2. */
const siteApp = (only = ['bin/site.ts', 'lib/certificate-stack.ts', 'lib/replica-stack.ts', 'lib/site-stack.ts']): Record<string, string> =>
  Object.fromEntries(only.map((rel) => [rel, readFileSync(join(SITE_APP, rel), 'utf8')]));

describe('rule acm-cloudfront-certificate-region on AWS CDK apps', () => {
  it('follows a certificate passed from a us-east-1 stack: info', async () => {
    const findings = await scanWith(rule, siteApp());
    assert.deepEqual(located(findings), ['lib/site-stack.ts:35:5 info']);
    assert.match(findings[0].message, /in us-east-1, as CloudFront requires/);
  });

  it('reports a certificate stack deployed outside us-east-1: high', async () => {
    const files = siteApp();
    files['bin/site.ts'] = files['bin/site.ts'].replace("region: 'us-east-1'", "region: 'eu-west-1'");
    const findings = await scanWith(rule, files);
    assert.deepEqual(located(findings), ['lib/site-stack.ts:35:5 high']);
    assert.match(findings[0].message, /outside us-east-1 \(its ARN names eu-west-1\)/);
  });

  const stack = (certificate: string) => [
    "import { App, Stack } from 'aws-cdk-lib';",
    "import * as acm from 'aws-cdk-lib/aws-certificatemanager';",
    "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
    "import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
    'const app = new App();',
    "const site = new Stack(app, 'Site', { env: { region: 'eu-west-1' } });",
    certificate,
    "new cloudfront.Distribution(site, 'SiteDistribution', { certificate, domainNames: ['www.example.com'], defaultBehavior: { origin: new origins.HttpOrigin('www-origin.example.com') } });",
  ].join('\n');

  it('places a certificate construct of the distribution\'s own stack in that stack\'s region', async () => {
    const findings = await scanWith(rule, { 'bin/site.ts': stack("const certificate = new acm.Certificate(site, 'SiteCertificate', { domainName: 'www.example.com' });") });
    assert.deepEqual(located(findings), ['bin/site.ts:8:1 high']);
    assert.match(findings[0].message, /certificate SiteCertificate is created in eu-west-1/);
    assert.deepEqual(findings[0].related?.map((r) => `${r.line} ${r.message}`), ['7 certificate SiteCertificate']);
  });

  it('reads the ARN of an imported certificate, the stack\'s own region in a template ARN included', async () => {
    const imported = await scanWith(rule, { 'bin/site.ts': stack("const certificate = acm.Certificate.fromCertificateArn(site, 'Imported', 'arn:aws:acm:eu-west-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d');") });
    assert.deepEqual(located(imported), ['bin/site.ts:8:1 high']);
    assert.deepEqual(imported[0].related?.map((r) => `${r.line}:${r.column} ${r.message}`), ['7:74 certificate ARN']);
    const templated = [
      "import { App, Stack, StackProps } from 'aws-cdk-lib';",
      "import * as acm from 'aws-cdk-lib/aws-certificatemanager';",
      "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
      "import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'class SiteStack extends Stack {',
      '  constructor(scope: App, id: string, props: StackProps) {',
      '    super(scope, id, props);',
      "    const bucket = new s3.Bucket(this, 'SiteBucket');",
      '    new cloudfront.Distribution(this, \'SiteDistribution\', {',
      "      certificate: acm.Certificate.fromCertificateArn(this, 'Imported', `arn:aws:acm:${Stack.of(this).region}:${Stack.of(this).account}:certificate/1a2b3c4d`),",
      '      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },',
      '    });',
      '  }',
      '}',
      "new SiteStack(new App(), 'Site', { env: { region: 'eu-west-1' } });",
    ].join('\n');
    const ownRegion = await scanWith(rule, { 'bin/site.ts': templated });
    assert.deepEqual(located(ownRegion), ['bin/site.ts:10:5 high']);
    assert.match(ownRegion[0].message, /its ARN uses the stack's own region/);
  });
});
