import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/acm-cloudfront-certificate-region';
import { located, resource, runOn, scanWith } from '../../support/iacRules';

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
