import { strict as assert } from 'node:assert';
import path from 'node:path';
import fc from 'fast-check';
import { scanFile } from '../../../src/core/scanners';
import { mayHoldDependency, needsNoTrigger, TRIGGER_PATTERN, TRIGGER_WORDS } from '../../../src/core/scanners/candidates';
import { acceptedBy, assertPrefilterKeeps } from './prefilterCheck';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('shared trigger prefilter', () => {
  it('lets through every fixture, example and corpus-subset template that some scanner accepts', () => {
    // test/fixtures holds the subset of the public CloudFormation corpus; the slow suite checks the whole corpus.
    const accepted = assertPrefilterKeeps([path.join(ROOT, 'test', 'fixtures'), path.join(ROOT, 'examples')]);
    // The fixtures and examples alone hold over a hundred scannable files; a walk that found none proves nothing.
    assert.ok(accepted > 50, `only ${accepted} accepted files were checked`);
  });

  it('lets through each marker the JavaScript and Python scanners look for', () => {
    const cases: [string, string][] = [
      ['src/a.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
      ['src/b.js', "const AWS = require('aws-sdk');"],
      ['src/c.ts', "import * as cdk from 'aws-cdk-lib';"],
      ['src/d.ts', "import * as aws from '@pulumi/aws';"],
      ['src/e.js', "fetch('https://sqs.eu-west-1.amazonaws.com/1/q');"],
      ['src/f.js', "const topic = 'arn:aws:sns:us-east-1:123456789012:t';"],
      ['src/g.js', "const url = 'https://abc.lambda-url.us-east-1.on.aws/';"],
      ['src/h.js', 'const arn = `arn:${partition}:s3:::bucket`;'],
      ['src/i.js', 'var s3 = new AWS.S3();'],
      ['w/j.py', 'import boto3'],
      ['w/k.py', 'from botocore.config import Config'],
      ['t/template.yaml', 'Resources:\n  Q:\n    Type: Custom::Thing\n'],
      ['t/service.yml', 'service: orders\nprovider:\n  name: aws\n'],
    ];
    for (const [file, text] of cases) {
      assert.notDeepEqual(acceptedBy(file, text), [], `${file} should be accepted by a scanner`);
      assert.equal(mayHoldDependency(file, text), true, file);
    }
  });

  it('rejects general-purpose files without a trigger word, and scanFile returns an empty result for them', () => {
    const component = "import React from 'react';\nexport function Region({ name }: { name: string }) {\n  return <p>{name}</p>;\n}\n";
    assert.equal(mayHoldDependency('src/Region.tsx', component), false);
    assert.deepEqual(scanFile('src/Region.tsx', component, { languages: {} }), { file: 'src/Region.tsx', formats: [], dependencies: [], problems: [], suppressions: [] });
    assert.equal(mayHoldDependency('i18n/en.json', '{ "checkout.region": "Shipping region" }'), false);
    assert.equal(mayHoldDependency('tools/report.py', 'import csv\n'), false);
  });

  it('sends files known by name to the scanners whatever their text', () => {
    for (const file of ['infra/main.tf', 'infra/prod.tfvars', 'infra/stack.tf.json', 'samconfig.toml', 'svc/samconfig.yaml', 'serverless.yml', 'cdk.json', 'cdk.context.json', 'infra/Pulumi.dev.yaml', 'docker-compose.yml', 'compose.prod.yaml', '.github/workflows/deploy.yml', 'action.yml', '.gitlab-ci.yml', '.gitlab/ci/deploy.yml', 'Dockerfile', 'api.Dockerfile', '.env', '.env.production', 'prod.env', '.aws/config', 'deploy/aws.ini']) {
      assert.equal(needsNoTrigger(file), true, file);
    }
    for (const file of ['src/App.tsx', 'lib/index.js', 'worker.py', 'data.json', 'k8s/deploy.yaml', 'template.yaml', 'stack.template']) {
      assert.equal(needsNoTrigger(file), false, file);
    }
  });

  it('keeps the word list and the pattern in step', () => {
    for (const word of TRIGGER_WORDS) assert.equal(TRIGGER_PATTERN.test(`x ${word} y`), true, word);
    assert.equal(TRIGGER_PATTERN.test('Region regional ARN Aws'), false);
  });

  it('never rejects a file that a scanner accepts (generated names and texts)', () => {
    const names = fc.constantFrom('src/app.ts', 'src/app.tsx', 'lib/x.mjs', 'w/job.py', 'template.yaml', 'stack.json', 'infra/x.template', 'k8s/x.yml', '.github/workflows/ci.yml', 'docker-compose.yml', 'serverless.yml', 'samconfig.toml', 'Pulumi.prod.yaml', 'cdk.json', '.env.prod', 'Dockerfile', '.aws/config', 'main.tf');
    const fragments = fc.constantFrom(
      "import { S3Client } from '@aws-sdk/client-s3';\nnew S3Client({ region: 'us-east-1' });\n",
      "const AWS = require('aws-sdk'); new AWS.SQS();\n",
      'import boto3\nboto3.client("s3")\n',
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n",
      'Resources:\n  Q:\n    Type: Custom::Thing\n',
      'service: a\nprovider:\n  name: aws\n  region: eu-west-1\n',
      'AWS_REGION=us-west-2\n',
      '[default]\nregion = eu-west-1\n',
      'jobs:\n  d:\n    steps:\n      - run: ./deploy.sh --region eu-west-1\n',
      '{ "context": { "region": "ap-south-1" } }\n',
      'export const x = 1;\n',
      '# notes about regions\n',
    );
    fc.assert(
      fc.property(names, fc.array(fragments, { minLength: 1, maxLength: 4 }), (file, parts) => {
        const text = parts.join('');
        if (acceptedBy(file, text).length > 0) assert.ok(mayHoldDependency(file, text), `${file}: ${JSON.stringify(text)}`);
      }),
      { numRuns: 500, seed: 8 },
    );
  });
});
