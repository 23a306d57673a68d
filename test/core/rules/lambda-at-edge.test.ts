import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/lambda-at-edge';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const distribution = (associations: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SiteDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: site
            DomainName: www-origin.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
${associations}`;

describe('rule lambda-at-edge', () => {
  it('reports a distribution with Lambda@Edge associations, as info at every tier', async () => {
    const template = distribution(`          LambdaFunctionAssociations:
            - EventType: viewer-request
              LambdaFunctionARN: arn:aws:lambda:us-east-1:111122223333:function:edge-auth:7
`);
    const findings = await scanWith(rule, { 'template.yaml': template }, { tier: 'MissionCritical' });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info']);
    assert.match(findings[0].message, /SiteDistribution runs Lambda@Edge functions/);
  });

  it('does not report CloudFront Functions', async () => {
    const template = distribution(`          FunctionAssociations:
            - EventType: viewer-request
              FunctionARN: arn:aws:cloudfront::111122223333:function/rewrite
`);
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template }), []);
  });

  it('reads Terraform lambda_function_association blocks', async () => {
    const tf = `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = "www-origin.example.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]

    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:edge-auth:7"
    }
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
    assert.deepEqual(located(await scanWith(rule, { 'cdn.tf': tf })), ['cdn.tf:1:1 info']);
  });

  it('reports a CDK EdgeFunction whichever way it is imported', () => {
    // The CDK scanner records `lambdaEdge` on an EdgeFunction (its kind is AWS::Lambda::Function).
    const edge = { attributes: { lambdaEdge: true } };
    const experimental = resource('aws-cdk-lib/aws-cloudfront.experimental.EdgeFunction', 'Auth', { service: 'lambda', file: 'lib/cdn.ts', facts: edge });
    const direct = resource('aws-cdk-lib/aws-cloudfront.EdgeFunction', 'Rewrite', { service: 'lambda', file: 'lib/cdn.ts', facts: edge });
    const plain = resource('aws-cdk-lib/aws-lambda.Function', 'Api', { service: 'lambda', file: 'lib/cdn.ts' });
    const findings = runOn(rule, [experimental, direct, plain]);
    assert.deepEqual(findings.map((f) => f.dependencyIds[0]).sort(), [experimental.id, direct.id].sort());
    assert.match(findings[0].message, /EdgeFunction .* created in us-east-1 whatever the stack's region/);
  });

  it('reports a CDK experimental.EdgeFunction in an app', async () => {
    const stack = `import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class CdnStack extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new cloudfront.experimental.EdgeFunction(this, 'EdgeAuth', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('edge/auth'),
    });
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'lib/cdn-stack.ts': stack })), ['lib/cdn-stack.ts:8:5 info']);
  });
});
