import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rule } from '../../../src/core/rules/cloudfront-no-origin-failover';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const BUCKETS = `  SiteBucket:
    Type: AWS::S3::Bucket
  SiteBucketReplica:
    Type: AWS::S3::Bucket
`;

const distribution = (origins: string, groups = '', target = 'primary') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
${BUCKETS}  SiteDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
${origins}${groups}        DefaultCacheBehavior:
          TargetOriginId: ${target}
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
`;

const S3_ORIGINS = `          - Id: primary
            DomainName: !GetAtt SiteBucket.RegionalDomainName
            S3OriginConfig: {}
          - Id: secondary
            DomainName: shop-site-replica.s3.us-west-2.amazonaws.com
            S3OriginConfig: {}
`;

const ORIGIN_GROUP = `        OriginGroups:
          Quantity: 1
          Items:
            - Id: site-failover
              FailoverCriteria:
                StatusCodes:
                  Quantity: 4
                  Items: [500, 502, 503, 504]
              Members:
                Quantity: 2
                Items:
                  - OriginId: primary
                  - OriginId: secondary
`;

describe('rule cloudfront-no-origin-failover', () => {
  it('reports a distribution with regional origins and no origin group, medium', async () => {
    const findings = await scanWith(rule, { 'template.yaml': distribution(S3_ORIGINS) });
    assert.deepEqual(located(findings), ['template.yaml:7:3 medium']);
    assert.match(findings[0].message, /SiteDistribution has no origin failover/);
  });

  it('accepts an origin group with failover criteria', async () => {
    assert.deepEqual(await scanWith(rule, { 'template.yaml': distribution(S3_ORIGINS, ORIGIN_GROUP, 'site-failover') }), []);
  });

  it('does not judge a distribution whose only origin is outside AWS; not tier-aware', async () => {
    const external = `          - Id: primary
            DomainName: www-origin.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': distribution(external) }), []);
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': distribution(S3_ORIGINS) }, { tier: 'NonCritical' })), ['template.yaml:7:3 medium']);
  });

  it('reads Terraform origin groups', async () => {
    const tf = (group: string) => `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = "shop-site.s3.us-east-1.amazonaws.com"
    origin_id   = "primary"
  }

  origin {
    domain_name = "shop-site-replica.s3.us-west-2.amazonaws.com"
    origin_id   = "secondary"
  }
${group}
  default_cache_behavior {
    target_origin_id       = "primary"
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
    cloudfront_default_certificate = true
  }
}
`;
    const group = `
  origin_group {
    origin_id = "site-failover"

    failover_criteria {
      status_codes = [500, 502, 503, 504]
    }

    member {
      origin_id = "primary"
    }

    member {
      origin_id = "secondary"
    }
  }
`;
    assert.deepEqual(located(await scanWith(rule, { 'cdn.tf': tf('') })), ['cdn.tf:1:1 medium']);
    assert.deepEqual(await scanWith(rule, { 'cdn.tf': tf(group) }), []);
  });

  it('reads Terraform origins: a distribution in front of a load balancer is judged, one in front of an origin outside AWS is not', async () => {
    const tf = (domain: string) => `resource "aws_cloudfront_distribution" "app" {
  enabled = true

  origin {
    domain_name = ${domain}
    origin_id   = "app"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "app"
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
    cloudfront_default_certificate = true
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'cdn.tf': tf('aws_lb.app.dns_name') })), ['cdn.tf:1:1 medium']);
    assert.deepEqual(located(await scanWith(rule, { 'cdn.tf': tf('"\${aws_s3_bucket.site.id}.s3.us-east-1.amazonaws.com"') })), ['cdn.tf:1:1 medium']);
    assert.deepEqual(await scanWith(rule, { 'cdn.tf': tf('"origin.example.com"') }), []);
  });

  it('treats references and AWS hostnames as regional origins, and judges only a stated false', () => {
    const byRef = resource('aws_cloudfront_distribution', 'api', { service: 'cloudfront', facts: { attributes: { originFailover: false, originDomains: ['aws_lb.api.dns_name'] } } });
    const lambdaUrl = resource('aws_cloudfront_distribution', 'fn', { service: 'cloudfront', facts: { attributes: { originFailover: false, originDomains: ['abcdefgh.lambda-url.us-east-1.on.aws'] } } });
    const unknown = resource('aws-cdk-lib/aws-cloudfront.Distribution', 'Site', { service: 'cloudfront', file: 'lib/cdn.ts' });
    assert.deepEqual(runOn(rule, [byRef, lambdaUrl, unknown]).map((f) => f.dependencyIds[0]), [byRef.id, lambdaUrl.id]);
  });
});

const SITE_APP = join(__dirname, '../../fixtures/cdk/replicated-site');
/** The CDK app of test/fixtures/cdk/replicated-site: a site stack in eu-west-1, its certificate in us-east-1, its replica in us-west-2. */
const siteApp = (only = ['bin/site.ts', 'lib/certificate-stack.ts', 'lib/replica-stack.ts', 'lib/site-stack.ts']): Record<string, string> =>
  Object.fromEntries(only.map((rel) => [rel, readFileSync(join(SITE_APP, rel), 'utf8')]));

describe('rule cloudfront-no-origin-failover on AWS CDK apps', () => {
  it('accepts an OriginGroup of the bucket and its replica', async () => {
    assert.deepEqual(located(await scanWith(rule, siteApp())), []);
  });

  const site = (origin: string) => [
    "import { App, Stack } from 'aws-cdk-lib';",
    "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
    "import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    'const app = new App();',
    "const stack = new Stack(app, 'Site', { env: { region: 'eu-west-1' } });",
    "const bucket = new s3.Bucket(stack, 'SiteBucket');",
    `new cloudfront.Distribution(stack, 'SiteDistribution', { defaultBehavior: { origin: ${origin} } });`,
  ].join('\n');

  it('reports a bucket or an AWS host as origin without failover, not an origin outside AWS', async () => {
    const bucket = await scanWith(rule, { 'bin/site.ts': site('origins.S3BucketOrigin.withOriginAccessControl(bucket)') });
    assert.deepEqual(located(bucket), ['bin/site.ts:8:1 medium']);
    const api = await scanWith(rule, { 'bin/site.ts': site("new origins.HttpOrigin('abc123.execute-api.eu-west-1.amazonaws.com')") });
    assert.deepEqual(located(api), ['bin/site.ts:8:1 medium']);
    assert.deepEqual(located(await scanWith(rule, { 'bin/site.ts': site("new origins.HttpOrigin('docs-origin.example.com')") })), []);
  });
});
