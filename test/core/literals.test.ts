import { strict as assert } from 'node:assert';
import { analyseEndpointHost, analyseStringValue, regionLiteral } from '../../src/core/scanners/literals';

describe('string literals: endpoints and ARNs', () => {
  it('reads the service and region of regional endpoint hosts, right to left', () => {
    assert.deepEqual(analyseEndpointHost('dynamodb.us-east-1.amazonaws.com'), { service: 'dynamodb', region: 'us-east-1', global: false });
    assert.deepEqual(analyseEndpointHost('abc123def4.execute-api.eu-west-1.amazonaws.com'), { service: 'execute-api', region: 'eu-west-1', global: false });
    assert.deepEqual(analyseEndpointHost('api.ecr.ap-southeast-2.amazonaws.com'), { service: 'ecr', region: 'ap-southeast-2', global: false });
    // a bucket named like a service must not win over the s3 label
    assert.deepEqual(analyseEndpointHost('logs.s3.us-west-2.amazonaws.com'), { service: 's3', region: 'us-west-2', global: false });
    assert.deepEqual(analyseEndpointHost('my-bucket.s3-us-west-2.amazonaws.com'), { service: 's3', region: 'us-west-2', global: false });
    assert.deepEqual(analyseEndpointHost('my-alb-1234.us-east-2.elb.amazonaws.com'), { service: 'elasticloadbalancing', region: 'us-east-2', global: false });
    // container images pulled from a private ECR registry
    assert.deepEqual(analyseEndpointHost('123456789012.dkr.ecr.us-east-1.amazonaws.com'), { service: 'ecr', region: 'us-east-1', global: false });
    assert.deepEqual(analyseEndpointHost('abcdefg.lambda-url.eu-central-1.on.aws'), { service: 'lambda', region: 'eu-central-1', global: false });
  });

  it('maps the legacy global endpoints to us-east-1 and skips service principals', () => {
    assert.deepEqual(analyseEndpointHost('sts.amazonaws.com'), { service: 'sts', region: 'us-east-1', global: true });
    assert.deepEqual(analyseEndpointHost('s3.amazonaws.com'), { service: 's3', region: 'us-east-1', global: true });
    assert.deepEqual(analyseEndpointHost('my-bucket.s3.amazonaws.com'), { service: 's3', region: 'us-east-1', global: true });
    assert.equal(analyseEndpointHost('lambda.amazonaws.com'), undefined);
    assert.equal(analyseEndpointHost('ecs-tasks.amazonaws.com'), undefined);
  });

  it('finds endpoints and ARNs inside longer strings with offsets', () => {
    const url = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
    assert.deepEqual(analyseStringValue(url), [{ kind: 'endpoint', service: 'sqs', region: 'us-east-1', global: false, offset: 8, length: 27, text: 'sqs.us-east-1.amazonaws.com' }]);
    const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders';
    assert.deepEqual(analyseStringValue(arn), [{ kind: 'arn', service: 'dynamodb', region: 'eu-west-1', global: false, offset: 0, length: arn.length, text: arn }]);
    const bucketArn = analyseStringValue('arn:aws:s3:::shop-assets');
    assert.equal(bucketArn[0].region, null);
    assert.equal(bucketArn[0].service, 's3');
  });

  it('ignores principals, console and documentation URLs, and prose', () => {
    assert.deepEqual(analyseStringValue('lambda.amazonaws.com', 'Service'), []);
    assert.deepEqual(analyseStringValue('sts.amazonaws.com', 'audience'), []);
    assert.deepEqual(analyseStringValue('https://console.aws.amazon.com/dynamodbv2/home?region=us-east-1'), []);
    assert.deepEqual(analyseStringValue('https://docs.aws.amazon.com/general/latest/gr/rande.html'), []);
    assert.deepEqual(analyseStringValue('we run in us-east-1 today'), []);
  });

  it('stays linear on adversarial input', () => {
    const long = `${'a.'.repeat(50000)}amazonaws`;
    assert.deepEqual(analyseStringValue(long), []);
    const arnish = `arn:aws:${'x'.repeat(100000)}`;
    assert.deepEqual(analyseStringValue(arnish), []);
  });

  it('treats placeholders as no region', () => {
    assert.equal(regionLiteral('us-west-2'), 'us-west-2');
    assert.equal(regionLiteral('REGION'), null);
    assert.equal(regionLiteral('${AWS::Region}'), null);
    assert.equal(regionLiteral('us-north-9'), 'us-north-9');
    assert.equal(regionLiteral('xx-east-1'), null);
  });
});
