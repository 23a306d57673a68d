#!/usr/bin/env node
import 'source-map-support/register';
import * as cdk from 'aws-cdk-lib';
import { EdgeStack } from '../lib/edge-stack';

const app = new cdk.App();

// CloudFront certificates and Lambda@Edge must live in us-east-1.
new EdgeStack(app, 'ShopEdge', {
  env: { account: '123456789012', region: 'us-east-1' },
});
