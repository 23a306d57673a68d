import { strict as assert } from 'node:assert';
import path from 'node:path';
import { javascriptScanner } from '../../../src/core/scanners/javascript';
import { pythonScanner } from '../../../src/core/scanners/python';
import type { ScanContext } from '../../../src/core/scanners/types';
import { loadLanguages } from '../../../src/node/languages';
import { assertNoDependencyLost, PREVIOUS_TRIGGERS } from './triggerEquivalence';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('per-format triggers (JavaScript, Python)', () => {
  let context: ScanContext;
  before(async () => {
    context = { languages: await loadLanguages() };
  });

  it('lose no dependency over the fixtures and the examples: every file the previous triggers accepted and the new ones reject scans empty', () => {
    const counts = assertNoDependencyLost([path.join(ROOT, 'test', 'fixtures'), path.join(ROOT, 'examples')], context);
    // A walk that found few files proves little: the fixtures hold dozens of each.
    assert.ok((counts.current.javascript ?? 0) > 20 && (counts.current.python ?? 0) > 5, JSON.stringify(counts));
  });

  it('accept a Python file by its SDK import in every statement form, or by an endpoint or ARN', () => {
    for (const text of [
      'import boto3\n',
      'import os, json, boto3\n',
      'import os, \\\n    boto3\n',
      'import boto3.session as s\n',
      'from botocore.config import Config\n',
      'def f():\n    import boto3\n    return boto3.client("s3")\n',
      'try: import boto3\nexcept ImportError: boto3 = None\n',
      'import os; import botocore\n',
      'import aioboto3\n',
      'from aiobotocore.session import get_session\n',
      'URL = "https://sqs.eu-west-1.amazonaws.com/1/q"\n',
      'TOPIC = "arn:aws:sns:us-east-1:123456789012:t"\n',
    ]) {
      assert.equal(pythonScanner.accepts('w/job.py', text), true, text);
    }
  });

  it('reject a Python file that only mentions boto3 (comment, prose, another package), which the previous trigger parsed', () => {
    for (const text of [
      '# TODO: move this to boto3 later\nimport csv\n',
      'def f():\n    """Wraps boto3 clients for tests."""\n    return 1\n',
      'from myapp.aws import boto3_client\n',
      'REQUIREMENTS = ["boto3==1.34.0"]\n',
    ]) {
      assert.equal(PREVIOUS_TRIGGERS.python('w/job.py', text), true, text);
      assert.equal(pythonScanner.accepts('w/job.py', text), false, text);
      assert.deepEqual(pythonScanner.scan('w/job.py', text, context).dependencies, [], text);
    }
  });

  it('accept a JavaScript or TypeScript file by an SDK, CDK or Pulumi AWS module specifier, or by an endpoint or ARN', () => {
    for (const text of [
      "import { S3Client } from '@aws-sdk/client-s3';",
      "import type { S3Client } from \"@aws-sdk/client-s3\";",
      "const AWS = require('aws-sdk');",
      "const S3 = require('aws-sdk/clients/s3');",
      'const { SQS } = await import(`aws-sdk`);',
      "export * from '@aws-sdk/client-dynamodb';",
      "jest.mock('@aws-sdk/client-sqs');",
      "import * as cdk from 'aws-cdk-lib';",
      "import { aws_s3 as s3 } from 'aws-cdk-lib/aws-s3';",
      "import * as sqs from '@aws-cdk/aws-sqs';",
      "import * as aws from '@pulumi/aws';",
      "import * as awsx from '@pulumi/awsx';",
      "fetch('https://sqs.eu-west-1.amazonaws.com/1/q');",
      'const url = "https://abc.lambda-url.us-east-1.on.aws/";',
      'const arn = `arn:${partition}:s3:::bucket`;',
      'var s3 = new AWS.S3();',
    ]) {
      assert.equal(javascriptScanner.accepts('src/a.ts', text), true, text);
    }
  });

  it('reject a JavaScript file that names a package only in a comment or through a lookalike, which the previous trigger parsed', () => {
    for (const text of [
      "// uses aws-sdk under the hood via the gateway\nexport const x = 1;\n",
      "import { mockClient } from 'aws-sdk-client-mock';\nexport const m = mockClient;\n",
      "/** see @aws-sdk docs */\nexport function f() { return 1; }\n",
      "import { Construct } from 'constructs'; // an aws-cdk construct library\nexport class Empty extends Construct {}\n",
    ]) {
      assert.equal(PREVIOUS_TRIGGERS.javascript('src/a.ts', text), true, text);
      assert.equal(javascriptScanner.accepts('src/a.ts', text), false, text);
      assert.deepEqual(javascriptScanner.scan('src/a.ts', text, context).dependencies, [], text);
    }
  });
});
