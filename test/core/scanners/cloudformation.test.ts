import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { cloudFormationScanner } from '../../../src/core/scanners/cloudformation';
import { samconfigScanner } from '../../../src/core/scanners/samconfig';
import { serverlessScanner } from '../../../src/core/scanners/serverless';
import type { ScanOutput } from '../../../src/core/scanners/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

function scan(file: string, text: string): ScanOutput {
  assert.equal(cloudFormationScanner.accepts(file, text), true, `${file} should be accepted`);
  return cloudFormationScanner.scan(file, text, { languages: {} });
}

/** One line per dependency: where, what, and its region fields — the whole file's list is compared. */
function summary(d: Dependency): string {
  const where = `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
  const label = d.kind === 'iac-resource' ? d.name : d.text;
  const ref = d.regionRef ? ` ref=${d.regionRef.kind === 'deploy-region' ? d.regionRef.stackFile : d.regionRef.kind}` : '';
  return `${where} ${d.kind} ${d.service} ${label} ${d.region ?? 'null'}/${d.regionSource}${ref}${d.global ? ' global' : ''} [${d.origin}]`;
}

function byName(out: ScanOutput, name: string): Dependency {
  const dep = out.dependencies.find((d) => d.kind === 'iac-resource' && d.name === name);
  assert.ok(dep, `no resource ${name}`);
  return dep;
}

/** Facts without the quick-fix insertion point and the zone's location (asserted separately). */
function facts(dep: Dependency): unknown {
  const f = structuredClone(dep.resource);
  if (f?.attributes) {
    delete f.attributes.propertyInsertion;
    delete f.attributes.availabilityZoneAt;
    if (Object.keys(f.attributes).length === 0) delete f.attributes;
  }
  return f;
}

describe('CloudFormation scanner: SAM application', () => {
  const file = 'sam/orders-app/template.yaml';
  const out = scan(file, fixture(file));

  it('finds every resource, ARN and endpoint with its exact position and region fields', () => {
    const T = `ref=${file}`;
    assert.deepEqual(out.dependencies.map(summary), [
      `25:3-25:22 iac-resource lambda CreateOrderFunction null/unresolved ${T} [sam]`,
      `46:3-46:23 iac-resource lambda ProcessOrderFunction null/unresolved ${T} [sam]`,
      '61:30-61:93 arn ssm arn:aws:ssm:eu-west-1:${AWS::AccountId}:parameter/orders/config eu-west-1/literal [cloudformation]',
      `69:3-69:12 iac-resource apigateway OrdersApi null/unresolved ${T} [sam]`,
      `74:3-74:14 iac-resource dynamodb OrdersTable null/unresolved ${T} [cloudformation]`,
      `86:3-86:16 iac-resource dynamodb SessionsTable null/unresolved ${T} [cloudformation]`,
      `107:3-107:13 iac-resource sqs OrderQueue null/unresolved ${T} [cloudformation]`,
      `113:3-113:17 iac-resource s3 ReceiptsBucket null/unresolved ${T} [cloudformation]`,
      '126:23-126:69 arn s3 arn:aws:s3:::orders-receipts-replica-us-west-2 null/unresolved [cloudformation]',
      `129:3-129:18 iac-resource iam ReplicationRole null/unresolved ${T} [cloudformation]`,
      '146:27-146:75 arn s3 arn:aws:s3:::orders-receipts-replica-us-west-2/* null/unresolved [cloudformation]',
      // `${AWS::Region}` follows the stack: no region is written in these.
      '151:17-151:79 endpoint execute-api ${OrdersApi}.execute-api.${AWS::Region}.amazonaws.com null/unresolved [cloudformation]',
      '153:17-153:87 arn dynamodb arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable} null/unresolved [cloudformation]',
    ]);
    assert.deepEqual(out.problems, []);
  });

  it('does not report the S3 service principal or the documentation URL in the description', () => {
    assert.equal(out.dependencies.some((d) => d.kind === 'endpoint' && d.text === 's3.amazonaws.com'), false);
    assert.equal(out.dependencies.some((d) => (d.text ?? '').includes('docs.aws.amazon.com')), false);
  });

  it('records the resilience facts of tables, the global table and the replicated bucket', () => {
    assert.deepEqual(facts(byName(out, 'OrdersTable')), {
      type: 'AWS::DynamoDB::Table', kind: 'AWS::DynamoDB::Table', name: 'OrdersTable', replicaRegions: [],
      // No SSESpecification.KMSMasterKeyId: DynamoDB's own key, no customer key named.
      attributes: { physicalNames: ['orders'], kmsKeys: [], pointInTimeRecovery: false },
    });
    assert.deepEqual(facts(byName(out, 'SessionsTable')), {
      type: 'AWS::DynamoDB::GlobalTable', kind: 'AWS::DynamoDB::GlobalTable', name: 'SessionsTable', replicaRegions: [null, 'us-west-2'],
      attributes: { physicalNames: ['sessions'], kmsKeys: [], replicaRegionsIncludeOwn: true, pointInTimeRecovery: true },
    });
    assert.deepEqual(facts(byName(out, 'ReceiptsBucket')), {
      type: 'AWS::S3::Bucket', kind: 'AWS::S3::Bucket', name: 'ReceiptsBucket', replicaRegions: ['us-west-2'],
      attributes: { kmsKeys: [], replicationDestinations: ['arn:aws:s3:::orders-receipts-replica-us-west-2'] },
    });
    assert.deepEqual(facts(byName(out, 'OrderQueue')), { type: 'AWS::SQS::Queue', kind: 'AWS::SQS::Queue', name: 'OrderQueue', attributes: { physicalNames: ['order-events'], kmsKeys: [] } });
    assert.deepEqual(facts(byName(out, 'OrdersApi')), { type: 'AWS::Serverless::HttpApi', kind: 'AWS::ApiGatewayV2::Api', name: 'OrdersApi', attributes: { endpointType: 'REGIONAL' } });
  });

  it('merges Globals into functions: environment, code folder, handler module and esbuild entry point', () => {
    assert.deepEqual(facts(byName(out, 'CreateOrderFunction')), {
      type: 'AWS::Serverless::Function', kind: 'AWS::Lambda::Function', name: 'CreateOrderFunction',
      attributes: {
        kmsKeys: [],
        eventTypes: ['HttpApi'],
        environment: { ORDERS_TABLE: '${OrdersTable}', POWERTOOLS_SERVICE_NAME: 'orders', QUEUE_URL: '${OrderQueue}', SESSIONS_TABLE: '${SessionsTable}' },
        codePaths: ['sam/orders-app/src/handlers/create-order'],
      },
    });
    assert.deepEqual(out.deployUnits, [
      {
        name: 'CreateOrderFunction', stackFile: file, codePaths: ['sam/orders-app/src/handlers/create-order'], line: 25,
        dependencyId: byName(out, 'CreateOrderFunction').id,
        environment: { ORDERS_TABLE: '${OrdersTable}', POWERTOOLS_SERVICE_NAME: 'orders', QUEUE_URL: '${OrderQueue}', SESSIONS_TABLE: '${SessionsTable}' },
      },
      {
        name: 'ProcessOrderFunction', stackFile: file, codePaths: ['sam/orders-app/functions/process-order/process-order'], line: 46,
        dependencyId: byName(out, 'ProcessOrderFunction').id,
        environment: { ORDERS_TABLE: '${OrdersTable}', POWERTOOLS_SERVICE_NAME: 'orders' },
      },
    ]);
  });

  it('records where a quick fix may add a property line', () => {
    assert.deepEqual(byName(out, 'OrdersTable').resource?.attributes?.propertyInsertion, {
      line: 76, indent: '      ', syntax: 'yaml', keys: ['TableName', 'BillingMode', 'AttributeDefinitions', 'KeySchema'],
    });
  });

  it('gives the same ids on a second scan and after lines shift', () => {
    const again = cloudFormationScanner.scan(file, `# header comment\n${fixture(file)}`, { languages: {} });
    assert.deepEqual(again.dependencies.map((d) => d.id), out.dependencies.map((d) => d.id));
    assert.equal(byName(again, 'OrdersTable').line, 75);
  });
});

describe('CloudFormation scanner: JSON template', () => {
  const file = 'cloudformation/payments-data.json';
  const out = scan(file, fixture(file));

  it('finds resources and ARNs with positions in the JSON text (keys with their quotes)', () => {
    const T = `ref=${file}`;
    assert.deepEqual(out.dependencies.map(summary), [
      `8:5-8:18 iac-resource kms PaymentsKey null/unresolved ${T} [cloudformation]`,
      '18:50-18:87 arn iam arn:aws:iam::${AWS::AccountId}:root null/unresolved [cloudformation]',
      `26:5-26:15 iac-resource kms AuditKey null/unresolved ${T} [cloudformation]`,
      `32:5-32:20 iac-resource secretsmanager DbCredentials null/unresolved ${T} [cloudformation]`,
      `46:5-46:28 iac-resource rds PaymentsGlobalCluster null/unresolved ${T} [cloudformation]`,
      `53:5-53:22 iac-resource rds PaymentsCluster null/unresolved ${T} [cloudformation]`,
      `63:5-63:21 iac-resource rds PaymentsWriter null/unresolved ${T} [cloudformation]`,
      `71:5-71:21 iac-resource rds LedgerDatabase null/unresolved ${T} [cloudformation]`,
      `81:5-81:20 iac-resource rds LedgerReplica null/unresolved ${T} [cloudformation]`,
      '84:39-84:93 arn rds arn:aws:rds:us-east-2:123456789012:db:ledger-primary us-east-2/literal [cloudformation]',
      `89:5-89:19 iac-resource elasticache SessionCache null/unresolved ${T} [cloudformation]`,
      // A Fn::Join is one string at run time: analysed whole, anchored at the join.
      '106:16-106:139 arn secretsmanager arn:aws:secretsmanager:us-west-2:${AWS::AccountId}:secret:payments/db-credentials us-west-2/literal [cloudformation]',
    ]);
    assert.deepEqual(out.suppressions, []);
  });

  it('records KMS, Secrets Manager, Aurora global cluster, RDS and ElastiCache facts', () => {
    assert.deepEqual(facts(byName(out, 'PaymentsKey')), { type: 'AWS::KMS::Key', kind: 'AWS::KMS::Key', name: 'PaymentsKey', attributes: { multiRegion: true } });
    assert.deepEqual(facts(byName(out, 'AuditKey')), { type: 'AWS::KMS::Key', kind: 'AWS::KMS::Key', name: 'AuditKey', attributes: { multiRegion: false } });
    assert.deepEqual(facts(byName(out, 'DbCredentials')), {
      type: 'AWS::SecretsManager::Secret', kind: 'AWS::SecretsManager::Secret', name: 'DbCredentials', replicaRegions: ['us-west-2'],
      attributes: { physicalNames: ['payments/db-credentials'], kmsKeys: ['${PaymentsKey}', 'alias/payments'] },
    });
    assert.deepEqual(facts(byName(out, 'PaymentsGlobalCluster')), {
      type: 'AWS::RDS::GlobalCluster', kind: 'AWS::RDS::GlobalCluster', name: 'PaymentsGlobalCluster', attributes: { globalCluster: true, replicaOf: ['${PaymentsCluster}'] },
    });
    assert.deepEqual(facts(byName(out, 'PaymentsCluster')), {
      type: 'AWS::RDS::DBCluster', kind: 'AWS::RDS::DBCluster', name: 'PaymentsCluster', attributes: { kmsKeys: ['${PaymentsKey.Arn}'], globalCluster: true },
    });
    assert.deepEqual(facts(byName(out, 'PaymentsWriter')), { type: 'AWS::RDS::DBInstance', kind: 'AWS::RDS::DBInstance', name: 'PaymentsWriter', attributes: { inCluster: true } });
    assert.deepEqual(facts(byName(out, 'LedgerDatabase')), {
      type: 'AWS::RDS::DBInstance', kind: 'AWS::RDS::DBInstance', name: 'LedgerDatabase', multiAz: false, attributes: { availabilityZones: ['us-east-1a'], kmsKeys: [], crossRegionCopy: false },
    });
    assert.deepEqual(facts(byName(out, 'LedgerReplica')), {
      type: 'AWS::RDS::DBInstance', kind: 'AWS::RDS::DBInstance', name: 'LedgerReplica', multiAz: true,
      attributes: { kmsKeys: [], replicaOf: ['arn:aws:rds:us-east-2:123456789012:db:ledger-primary'], crossRegionCopy: false },
    });
    assert.deepEqual(facts(byName(out, 'SessionCache')), { type: 'AWS::ElastiCache::ReplicationGroup', kind: 'AWS::ElastiCache::ReplicationGroup', name: 'SessionCache', multiAz: true, attributes: { kmsKeys: [], automaticFailover: true } });
  });

  it('records no quick-fix insertion point in JSON', () => {
    assert.equal(out.dependencies.some((d) => d.resource?.attributes?.propertyInsertion), false);
  });
});

describe('CloudFormation scanner: network, edge and backup facts', () => {
  const file = 'cloudformation/web-edge.yaml';
  const out = scan(file, fixture(file));
  const attributes = (name: string): unknown => (facts(byName(out, name)) as { attributes?: unknown }).attributes;

  it('reads availability zones, subnets, NAT gateways, load balancers and auto scaling groups', () => {
    assert.deepEqual(attributes('PublicSubnetA'), { availabilityZoneRefs: ['GetAZs[0]'] });
    assert.deepEqual(attributes('PublicSubnetB'), { availabilityZones: ['eu-west-1b'] });
    assert.deepEqual(attributes('NatGateway'), { subnets: ['${PublicSubnetA}'], subnetForms: ['reference'] });
    assert.deepEqual(attributes('WebLoadBalancer'), { crossZone: false, loadBalancerType: 'network', subnets: ['${PublicSubnetA}', '${PublicSubnetB}'], subnetForms: ['reference', 'reference'] });
    assert.deepEqual(attributes('WebFleet'), { subnets: ['${PublicSubnetA}'], subnetForms: ['reference'] });
  });

  it('reads API endpoint types, WAF scope, CloudFront failover, certificate and Lambda@Edge', () => {
    // No EndpointConfiguration: not stated (API Gateway's default is EDGE; the rule knows it).
    assert.equal(attributes('StorefrontApi'), undefined);
    assert.deepEqual(attributes('PartnerApi'), { endpointType: 'REGIONAL' });
    assert.deepEqual(attributes('EdgeAcl'), { scope: 'CLOUDFRONT' });
    assert.deepEqual(attributes('Distribution'), {
      originDomains: ['storefront-eu.s3.eu-west-1.amazonaws.com', 'storefront-us.s3.us-west-2.amazonaws.com'],
      originFailover: true,
      // The certificate is a parameter: its default value is what the stack gets unless overridden.
      viewerCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/4f1e9a7c-2b1d-4c1e-9d6e-0a6b3c2d1e0f',
      lambdaEdge: true,
    });
  });

  it('reads Route 53 routing, backup copies, health event rules, EFS One Zone, Cognito, ECR replication and ONEZONE_IA', () => {
    assert.deepEqual(attributes('PrimaryRecord'), {
      physicalNames: ['shop.example.com'], routingPolicy: 'failover', healthCheck: false, failoverRole: 'PRIMARY', recordType: 'A',
      aliasTarget: '${WebLoadBalancer.DNSName}', aliasHostedZoneId: 'Z2IFOLAFXWLO4F',
    });
    assert.deepEqual(attributes('StatusRecord'), { physicalNames: ['status.example.com'], routingPolicy: 'simple', healthCheck: false, recordType: 'CNAME' });
    assert.deepEqual(attributes('NightlyBackups'), { crossRegionCopyTargets: ['us-west-2'] });
    assert.deepEqual(attributes('HealthEventsRule'), { eventSources: ['aws.health'] });
    assert.deepEqual(attributes('SharedFiles'), { availabilityZones: ['eu-west-1a'], kmsKeys: [], singleAzStorage: true });
    assert.deepEqual(attributes('CustomerPool'), { physicalNames: ['customers'], kmsKeys: [], replicated: false });
    assert.deepEqual(facts(byName(out, 'ImageReplication')), { type: 'AWS::ECR::ReplicationConfiguration', kind: 'AWS::ECR::ReplicationConfiguration', name: 'ImageReplication', replicaRegions: ['us-west-2'] });
    assert.deepEqual(facts(byName(out, 'ScratchBucket')), { type: 'AWS::S3::Bucket', kind: 'AWS::S3::Bucket', name: 'ScratchBucket', replicaRegions: [], attributes: { kmsKeys: [], singleAzStorage: true } });
  });

  it('reports origin hosts, the Lambda@Edge ARN, the backup vault ARN and the parameter default ARN', () => {
    assert.deepEqual(out.dependencies.filter((d) => d.kind !== 'iac-resource').map(summary), [
      '87:25-87:65 endpoint s3 storefront-eu.s3.eu-west-1.amazonaws.com eu-west-1/literal [cloudformation]',
      '90:25-90:65 endpoint s3 storefront-us.s3.us-west-2.amazonaws.com us-west-2/literal [cloudformation]',
      '110:34-110:103 arn lambda arn:aws:lambda:us-east-1:123456789012:function:add-security-headers:3 us-east-1/literal [cloudformation]',
      '148:44-148:103 arn backup arn:aws:backup:us-west-2:123456789012:backup-vault:dr-vault us-west-2/literal [cloudformation]',
      '9:14-9:97 arn acm arn:aws:acm:eu-west-1:123456789012:certificate/4f1e9a7c-2b1d-4c1e-9d6e-0a6b3c2d1e0f eu-west-1/literal [cloudformation]',
    ]);
    assert.deepEqual(out.dependencies.filter((d) => d.kind === 'iac-resource').map((d) => `${d.line} ${d.service} ${d.name}`), [
      '12 ec2 PublicSubnetA', '19 ec2 PublicSubnetB', '26 ec2 NatGateway', '32 elasticloadbalancing WebLoadBalancer',
      '44 autoscaling WebFleet', '55 apigateway StorefrontApi', '60 apigateway PartnerApi', '68 wafv2 EdgeAcl',
      '79 cloudfront Distribution', '115 route53 PrimaryRecord', '128 route53 StatusRecord', '138 backup NightlyBackups',
      '150 events HealthEventsRule', '159 elasticfilesystem SharedFiles', '164 cognito-idp CustomerPool', '169 ecr ImageReplication',
      '178 s3 ScratchBucket',
    ]);
  });
});

describe('CloudFormation scanner: bad input', () => {
  it('reads what it can of malformed YAML and reports the syntax error with its line', () => {
    const file = 'cloudformation/malformed.yaml';
    const out = scan(file, fixture(file));
    assert.deepEqual(out.problems, [
      { file, line: 7, column: 3, reason: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]', severity: 'partial' },
    ]);
    assert.deepEqual(out.dependencies.map((d) => `${d.line} ${d.service} ${d.name}`), ['3 s3 UploadsBucket', '7 sqs ThumbnailsQueue']);
  });

  it('keeps a macro tag as an opaque value, reports it, and reads every short-form intrinsic without errors', () => {
    const file = 'cloudformation/macro-tags.yaml';
    const out = scan(file, fixture(file));
    assert.deepEqual(out.problems, [{ file, line: 13, column: 19, reason: 'unknown YAML tag !Upper: its value was kept as written and not interpreted', severity: 'partial' }]);
    assert.deepEqual(out.dependencies.map(summary), [
      `10:3-10:16 iac-resource s3 ReportsBucket null/unresolved ref=${file} [cloudformation]`,
      `22:3-22:15 iac-resource sns ReportsTopic null/unresolved ref=${file} [cloudformation]`,
      '31:15-31:77 arn lambda arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn} null/unresolved [cloudformation]',
    ]);
    assert.deepEqual(byName(out, 'ReportsTopic').resource?.attributes?.kmsKeys, ['${ImportValue:shared-kms-key-arn}']);
  });

  it('reports a JSON syntax error and still reads the resources before it', () => {
    const file = 'stacks/queue.json';
    const text = '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Jobs": { "Type": "AWS::SQS::Queue" },\n    "Broken": { "Type": "AWS::SNS::Topic" \n  }\n';
    const out = scan(file, text);
    assert.deepEqual(out.dependencies.map((d) => `${d.line}:${d.column} ${d.service} ${d.name}`), ['4:5 sqs Jobs', '5:5 sns Broken']);
    assert.equal(out.problems.length > 0, true);
    assert.match(out.problems[0].reason, /^JSON syntax error: /);
    assert.equal(out.problems[0].severity, 'partial');
  });

  it('reports a Resources section that is not a mapping and resources without a Type', () => {
    const notMap = scan('a.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  - Type: AWS::SQS::Queue\n');
    assert.deepEqual(notMap.problems, [{ file: 'a.yaml', line: 3, reason: 'Resources is not a mapping of logical ids to resources; no resource was read', severity: 'partial' }]);
    assert.deepEqual(notMap.dependencies, []);
    const noType = scan('b.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Jobs:\n    Properties:\n      QueueName: jobs\n  Topic:\n    Type: AWS::SNS::Topic\n');
    assert.deepEqual(noType.problems, [{ file: 'b.yaml', line: 3, reason: 'resource Jobs has no Type; it was not read', severity: 'partial' }]);
    assert.deepEqual(noType.dependencies.map((d) => d.name), ['Topic']);
  });

  it('yields nothing for a Kubernetes manifest, and does not even accept it', () => {
    const file = 'cloudformation/k8s-deployment.yaml';
    const text = fixture(file);
    assert.equal(cloudFormationScanner.accepts(file, text), false);
    assert.deepEqual(cloudFormationScanner.scan(file, text, { languages: {} }).dependencies, []);
  });
});

describe('CloudFormation scanner: detection', () => {
  const minimal = 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n';

  it('recognises templates by content, whatever their name', () => {
    assert.equal(cloudFormationScanner.accepts('infra/stack.yml', minimal), true);
    assert.equal(cloudFormationScanner.accepts('infra/stack.template', '{"Resources": {"Jobs": {"Type": "AWS::SQS::Queue"}}}'), true);
    assert.equal(cloudFormationScanner.accepts('infra/stack.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"T": {"Type": "AWS::SNS::Topic"}}}'), true);
    const out = cloudFormationScanner.scan('infra/stack.template', '{"Resources": {"Jobs": {"Type": "AWS::SQS::Queue"}}}', { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.name}`), ['1:16-22 Jobs']);
  });

  it('leaves other files alone: serverless.yml, a non-template extension, YAML without resource types', () => {
    assert.equal(cloudFormationScanner.accepts('serverless.yml', minimal), false);
    assert.equal(cloudFormationScanner.accepts('svc/serverless.yaml', minimal), false);
    assert.equal(cloudFormationScanner.accepts('stack.txt', minimal), false);
    assert.equal(cloudFormationScanner.accepts('config.yaml', 'Resources:\n  cpu: 2\n'), false);
    // Accepted by its cheap check, but not a template: nothing found and nothing to complain about.
    const out = cloudFormationScanner.scan('notes.yaml', 'Resources:\n  see: AWS::SQS::Queue docs\n', { languages: {} });
    assert.deepEqual(out, { dependencies: [], problems: [], suppressions: [] });
  });
});

describe('CloudFormation scanner: language extensions, Lambda code and suppressions', () => {
  it('expands Fn::ForEach with a literal collection into one resource per item at the template key', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::LanguageExtensions',
      'Resources:',
      '  Fn::ForEach::Topics:',
      '    - TopicName',
      '    - [Orders, Refunds]',
      '    - Topic${TopicName}:',
      '        Type: AWS::SNS::Topic',
      '        Properties:',
      '          TopicName: !Ref TopicName',
      '',
    ].join('\n');
    const out = scan('foreach.yaml', text);
    assert.deepEqual(out.dependencies.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.service} ${d.name}`), ['7:7-24 sns TopicOrders', '7:7-24 sns TopicRefunds']);
    assert.notEqual(out.dependencies[0].id, out.dependencies[1].id);
  });

  it('finds the code of plain Lambda functions: a local Code path, inline ZipFile, and none for S3 code', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Packaged:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Runtime: python3.12',
      '      Handler: worker/main.handler',
      '      Code: ../lambda/',
      '      Environment:',
      '        Variables:',
      '          BUCKET: !Ref Uploads',
      '          REGION_HINT: eu-west-1',
      '  Inline:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Runtime: nodejs20.x',
      '      Handler: index.handler',
      '      Code:',
      '        ZipFile: |',
      '          exports.handler = async () => "ok";',
      '  FromS3:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Runtime: java21',
      '      Handler: com.example.Handler::handleRequest',
      '      Code:',
      '        S3Bucket: artifacts',
      '        S3Key: app.jar',
      '  Uploads:',
      '    Type: AWS::S3::Bucket',
      '',
    ].join('\n');
    const out = scan('infra/functions.yaml', text);
    assert.deepEqual(out.deployUnits?.map((u) => ({ name: u.name, codePaths: u.codePaths, line: u.line, environment: u.environment })), [
      { name: 'Packaged', codePaths: ['lambda/worker/main'], line: 3, environment: { BUCKET: '${Uploads}', REGION_HINT: 'eu-west-1' } },
      { name: 'Inline', codePaths: ['infra/functions.yaml'], line: 13, environment: undefined },
    ]);
  });

  it('returns outage-radar-ignore comments of YAML templates', () => {
    const text = 'Resources:\n  # outage-radar-ignore dynamodb-table-not-global: cache table, rebuilt on failover\n  Cache:\n    Type: AWS::DynamoDB::Table\n';
    const out = scan('cache.yaml', text);
    assert.deepEqual(out.suppressions, [
      { file: 'cache.yaml', line: 2, column: 3, endColumn: 84, targetLine: 3, ruleIds: ['dynamodb-table-not-global'], reason: 'cache table, rebuilt on failover' },
    ]);
  });

  it('anchors an ARN inside an inline policy string at the ARN itself, and skips principals there', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  BusPolicy:',
      '    Type: AWS::Events::EventBusPolicy',
      '    Properties:',
      '      StatementId: central',
      '      Statement: !Sub |',
      '        {',
      '          "Effect": "Allow",',
      '          "Principal": { "Service": ["events.amazonaws.com"] },',
      '          "Action": "events:PutEvents",',
      '          "Resource": "arn:aws:events:us-east-2:${AWS::AccountId}:event-bus/central"',
      '        }',
      '',
    ].join('\n');
    const out = scan('bus.yaml', text);
    assert.deepEqual(out.dependencies.filter((d) => d.kind !== 'iac-resource').map(summary), [
      '12:24-12:84 arn events arn:aws:events:us-east-2:${AWS::AccountId}:event-bus/central us-east-2/literal [cloudformation]',
    ]);
  });
});

describe('IaC scanners never throw on half-written files', () => {
  it('scans every prefix of the fixtures (a file being typed) without throwing, with positions inside the text', () => {
    const cases: Array<[string, { scan: typeof cloudFormationScanner.scan }]> = [
      ['sam/orders-app/template.yaml', cloudFormationScanner],
      ['cloudformation/payments-data.json', cloudFormationScanner],
      ['cloudformation/web-edge.yaml', cloudFormationScanner],
      ['cloudformation/storefront-global.yaml', cloudFormationScanner],
      ['serverless/orders-service/serverless.yml', serverlessScanner],
      ['sam/orders-app/samconfig.toml', samconfigScanner],
      ['sam/inventory-app/samconfig.yaml', samconfigScanner],
    ];
    let scans = 0;
    for (const [file, scanner] of cases) {
      const text = fixture(file);
      for (let cut = 0; cut <= text.length; cut += 23) {
        const prefix = text.slice(0, cut);
        const out = scanner.scan(file, prefix, { languages: {} });
        scans++;
        const lines = prefix.split('\n').length;
        for (const d of out.dependencies) assert.ok(d.line >= 1 && d.endLine <= lines, `${file} cut at ${cut}: ${d.line}-${d.endLine} outside ${lines} lines`);
      }
    }
    assert.ok(scans > 500);
  });
});

describe('CloudFormation scanner: SAM variants', () => {
  const text = [
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Api:',
    '    EndpointConfiguration: REGIONAL',
    '  Function:',
    '    Runtime: python3.12',
    'Resources:',
    '  PublicApi:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      StageName: prod',
    '  PrivateApi:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      StageName: prod',
    '      EndpointConfiguration:',
    '        Type: PRIVATE',
    '  HealthRelay:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: index.handler',
    '      InlineCode: |',
    '        def handler(event, context):',
    '            return event',
    '      Events:',
    '        Health:',
    '          Type: EventBridgeRule',
    '          Properties:',
    '            Pattern:',
    '              source: [aws.health]',
    '  Renderer:',
    '    Type: AWS::Serverless::Function',
    '    Metadata:',
    '      DockerContext: ./renderer',
    '      Dockerfile: Dockerfile',
    '    Properties:',
    '      PackageType: Image',
    '  JavaWorker:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: java21',
    '      CodeUri: s3://artifacts-bucket/worker.jar',
    '      Handler: com.example.Worker::handleRequest',
    '',
  ].join('\n');
  const out = scan('services/edge/template.yml', text);

  it('applies Globals.Api to APIs that do not set their own endpoint type', () => {
    assert.equal(byName(out, 'PublicApi').resource?.attributes?.endpointType, 'REGIONAL');
    assert.equal(byName(out, 'PrivateApi').resource?.attributes?.endpointType, 'PRIVATE');
  });

  it('records inline and container code, SAM event types and EventBridge sources; S3 code has no unit', () => {
    assert.deepEqual(out.deployUnits?.map((u) => `${u.name}: ${u.codePaths.join(',')}`), [
      'HealthRelay: services/edge/template.yml',
      'Renderer: services/edge/renderer',
    ]);
    const relay = byName(out, 'HealthRelay').resource?.attributes;
    assert.deepEqual(relay?.eventTypes, ['EventBridgeRule']);
    assert.deepEqual(relay?.eventSources, ['aws.health']);
    assert.equal(byName(out, 'JavaWorker').resource?.attributes?.codePaths, undefined);
  });
});

describe('CloudFormation scanner: replicas, global endpoints, KMS keys and DNS aliases', () => {
  const file = 'cloudformation/storefront-global.yaml';
  const out = scan(file, fixture(file));

  it('records a Cognito replica pool: the pool it copies and the region it is created in', () => {
    assert.deepEqual(facts(byName(out, 'ShopUsersWest')), {
      type: 'AWS::Cognito::UserPoolReplica', kind: 'AWS::Cognito::UserPoolReplica', name: 'ShopUsersWest', replicaRegions: ['us-west-2'], attributes: { replicaOf: ['${ShopUsers}'] },
    });
    assert.deepEqual(facts(byName(out, 'ShopUsers')), { type: 'AWS::Cognito::UserPool', kind: 'AWS::Cognito::UserPool', name: 'ShopUsers', attributes: { physicalNames: ['shop-users'], kmsKeys: [], replicated: false } });
  });

  it('records the buses an EventBridge global endpoint fronts, and no replica region (the endpoint holds no data)', () => {
    assert.deepEqual(facts(byName(out, 'OrdersEndpoint')), {
      type: 'AWS::Events::Endpoint', kind: 'AWS::Events::Endpoint', name: 'OrdersEndpoint',
      attributes: { replicaOf: ['${OrdersBus.Arn}', 'arn:aws:events:us-west-2:${AWS::AccountId}:event-bus/orders'] },
    });
  });

  it('lists the KMS keys a resource names, and states [] where a resource that could name one names none', () => {
    const keys = (name: string) => byName(out, name).resource?.attributes?.kmsKeys;
    assert.deepEqual(keys('OrdersBus'), ['${DataKey.Arn}']);
    assert.deepEqual(keys('OrdersTable'), ['${DataKey}']);
    assert.deepEqual(keys('OrderStream'), ['alias/aws/kinesis']);
    // KmsDataKeyReusePeriodSeconds mentions KMS but holds no key.
    assert.deepEqual(keys('OrderQueue'), ['alias/aws/sqs']);
    // Each branch of an !If that names a key; AWS::NoValue is no key.
    assert.deepEqual(keys('AuditTopic'), ['${DataKey}']);
    // SSE-S3 (AES256): no KMS key at all.
    assert.deepEqual(keys('AssetsBucket'), []);
    // Types that cannot name a key state nothing.
    assert.equal(keys('ApiHealthCheck'), undefined);
    assert.equal(keys('DataKey'), undefined);
  });

  it('records the type, routing and alias target of every record, in groups and alone, and the record name', () => {
    assert.deepEqual(facts(byName(out, 'SiteRecords')), {
      type: 'AWS::Route53::RecordSetGroup', kind: 'AWS::Route53::RecordSetGroup', name: 'SiteRecords',
      attributes: {
        records: [
          { name: 'shop.example.com.', routingPolicy: 'simple', healthCheck: false, recordType: 'A', aliasTarget: 'd111111abcdef8.cloudfront.net', aliasHostedZoneId: 'Z2FDTNDATAQYW2' },
          { name: 'play.example.com.', routingPolicy: 'simple', healthCheck: false, recordType: 'A', aliasTarget: 'a1234567890abcdef.awsglobalaccelerator.com', aliasHostedZoneId: 'Z2BJ6XQ5FK7U4H' },
          { name: '_a79865eb4cd1a6ab990a45779b4e0b96.shop.example.com.', routingPolicy: 'simple', healthCheck: false, recordType: 'CNAME' },
        ],
        routingPolicy: 'simple',
        healthCheck: false,
      },
    });
    assert.deepEqual(facts(byName(out, 'ApiRecords')), {
      type: 'AWS::Route53::RecordSetGroup', kind: 'AWS::Route53::RecordSetGroup', name: 'ApiRecords',
      attributes: {
        records: [
          {
            name: 'api.example.com.', routingPolicy: 'failover', healthCheck: true, failoverRole: 'PRIMARY', recordType: 'A',
            aliasTarget: 'dualstack.api-alb-123456.eu-west-1.elb.amazonaws.com', aliasHostedZoneId: 'Z32O12XQLNTSW2',
          },
          {
            name: 'api.example.com.', routingPolicy: 'failover', healthCheck: true, failoverRole: 'SECONDARY', recordType: 'A',
            aliasTarget: 'dualstack.api-alb-654321.us-west-2.elb.amazonaws.com', aliasHostedZoneId: 'Z1H1FL5HABSF5',
          },
        ],
        routingPolicy: 'failover',
        failoverRole: 'PRIMARY',
        healthCheck: true,
      },
    });
    assert.deepEqual(facts(byName(out, 'ValidationRecord')), {
      type: 'AWS::Route53::RecordSet', kind: 'AWS::Route53::RecordSet', name: 'ValidationRecord',
      attributes: { physicalNames: ['_3f9c1d6e2b7a4c8d9e0f1a2b3c4d5e6f.api.example.com.'], routingPolicy: 'simple', healthCheck: false, recordType: 'CNAME' },
    });
  });

  it('finds every resource at its logical id', () => {
    assert.deepEqual(out.dependencies.filter((d) => d.kind === 'iac-resource').map((d) => `${d.line}:${d.column} ${d.service} ${d.name}`), [
      '16:3 cognito-idp ShopUsers', '25:3 cognito-idp ShopUsersWest', '31:3 kms DataKey', '46:3 events OrdersBus', '52:3 events OrdersEndpoint',
      '69:3 dynamodb OrdersTable', '85:3 kinesis OrderStream', '95:3 sqs OrderQueue', '102:3 sns AuditTopic', '108:3 s3 AssetsBucket',
      '116:3 route53 SiteRecords', '137:3 route53 ApiRecords', '160:3 route53 ValidationRecord', '170:3 route53 ApiHealthCheck',
      '180:3 route53 OrdersHealthCheck', '190:3 iam EventReplicationRole',
    ]);
    assert.deepEqual(out.problems, []);
  });
});

describe('CloudFormation scanner: what a KMS key, replica or endpoint fact cannot state', () => {
  const resource = (name: string, text: string) => byName(scan('stack.yaml', `AWSTemplateFormatVersion: "2010-09-09"\n${text}`), name).resource;

  it('states no kmsKeys where part of the properties is computed by a transform', () => {
    const text = [
      'Resources:',
      '  Jobs:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: jobs',
      '      Fn::Transform:',
      '        Name: AWS::Include',
      '        Parameters:',
      '          Location: s3://shared-templates/queue-encryption.yaml',
      '',
    ].join('\n');
    assert.equal(resource('Jobs', text)?.attributes?.kmsKeys, undefined);
  });

  it('reads keys inside an !If container, through YAML aliases, and from SAM Globals', () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Conditions:',
      '  Encrypted: !Equals [!Ref AWS::Region, eu-west-1]',
      'Globals:',
      '  Function:',
      '    Runtime: python3.12',
      '    KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'Resources:',
      '  Sessions:',
      '    Type: AWS::DynamoDB::Table',
      '    Properties:',
      '      SSESpecification: !If',
      '        - Encrypted',
      '        - SSEEnabled: true',
      '          SSEType: KMS',
      '          KMSMasterKeyId: !Ref SessionsKey',
      '        - !Ref AWS::NoValue',
      '  Logs:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketEncryption: &encryption',
      '        ServerSideEncryptionConfiguration:',
      '          - ServerSideEncryptionByDefault:',
      '              SSEAlgorithm: aws:kms',
      '              KMSMasterKeyID: alias/logs',
      '  Archive:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketEncryption: *encryption',
      '  Worker:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: app.handler',
      '      InlineCode: "def handler(event, context): return event"',
      '  SessionsKey:',
      '    Type: AWS::KMS::Key',
      '',
    ].join('\n');
    const out = scan('stack.yaml', text);
    assert.deepEqual(byName(out, 'Sessions').resource?.attributes?.kmsKeys, ['${SessionsKey}']);
    assert.deepEqual(byName(out, 'Logs').resource?.attributes?.kmsKeys, ['alias/logs']);
    assert.deepEqual(byName(out, 'Archive').resource?.attributes?.kmsKeys, ['alias/logs']);
    assert.deepEqual(byName(out, 'Worker').resource?.attributes?.kmsKeys, ['arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']);
  });

  it('leaves kmsKeys to the cluster for an instance of an Aurora cluster', () => {
    const text = ['Resources:', '  Writer:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      DBClusterIdentifier: !Ref Cluster', '      DBInstanceClass: db.r6g.large', '      Engine: aurora-postgresql', ''].join('\n');
    assert.deepEqual(resource('Writer', text)?.attributes, { inCluster: true, propertyInsertion: { line: 5, indent: '      ', syntax: 'yaml', keys: ['DBClusterIdentifier', 'DBInstanceClass', 'Engine'] } });
  });

  it('records a replica region written as an expression as null, and endpoint buses written as ARNs or parameters', () => {
    const replica = ['Resources:', '  UsersDr:', '    Type: AWS::Cognito::UserPoolReplica', '    Properties:', '      UserPoolId: eu-west-1_AbCdEf123', '      RegionName: !Ref DrRegion', ''].join('\n');
    assert.deepEqual(resource('UsersDr', replica)?.replicaRegions, [null]);
    assert.deepEqual(resource('UsersDr', replica)?.attributes?.replicaOf, ['eu-west-1_AbCdEf123']);
    const endpoint = [
      'Resources:',
      '  Global:',
      '    Type: AWS::Events::Endpoint',
      '    Properties:',
      '      RoutingConfig:',
      '        FailoverConfig:',
      '          Primary:',
      '            HealthCheck: arn:aws:route53:::healthcheck/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
      '          Secondary:',
      '            Route: us-east-2',
      '      EventBuses:',
      '        - EventBusArn: arn:aws:events:us-east-1:111122223333:event-bus/billing',
      '        - EventBusArn: !Ref SecondaryBusArn',
      '',
    ].join('\n');
    assert.deepEqual(resource('Global', endpoint)?.attributes?.replicaOf, ['arn:aws:events:us-east-1:111122223333:event-bus/billing', '${SecondaryBusArn}']);
  });
});
