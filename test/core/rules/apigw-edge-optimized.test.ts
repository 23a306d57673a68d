import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/apigw-edge-optimized';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

describe('rule apigw-edge-optimized', () => {
  it('reports REST APIs that are edge-optimized by default or explicitly, as info', async () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
  EdgeApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: edge
      EndpointConfiguration:
        Types: [EDGE]
  RegionalApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: regional
      EndpointConfiguration:
        Types: [REGIONAL]
  PrivateApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: private
      EndpointConfiguration:
        Types: [PRIVATE]
`;
    const findings = await scanWith(rule, { 'template.yaml': template });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info', 'template.yaml:7:3 info']);
    assert.match(findings[0].message, /ShopApi is edge-optimized by default/);
  });

  it('reports SAM APIs without EndpointConfiguration, and edge custom domains; HTTP APIs are regional', async () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  RegionalApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: REGIONAL
  HttpApi:
    Type: AWS::Serverless::HttpApi
  ApiDomain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d
`;
    const findings = await scanWith(rule, { 'template.yaml': sam }, { tier: 'MissionCritical' });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info', 'template.yaml:14:3 info']);
    assert.match(findings[1].message, /Custom domain ApiDomain is edge-optimized/);
  });

  it('reads Terraform endpoint_configuration', async () => {
    const tf = `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}

resource "aws_api_gateway_rest_api" "regional" {
  name = "regional"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'api.tf': tf })), ['api.tf:1:1 info']);
  });

  it('reads CDK endpoint types through the same attribute', () => {
    const edge = resource('aws-cdk-lib/aws-apigateway.LambdaRestApi', 'Api', { service: 'apigateway', file: 'lib/api.ts' });
    const regional = resource('aws-cdk-lib/aws-apigateway.RestApi', 'Internal', { service: 'apigateway', file: 'lib/api.ts', facts: { attributes: { endpointType: 'REGIONAL' } } });
    assert.deepEqual(runOn(rule, [edge, regional]).map((f) => f.dependencyIds[0]), [edge.id]);
  });
});
