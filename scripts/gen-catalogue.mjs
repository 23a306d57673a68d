#!/usr/bin/env node
// Generates src/core/catalogue/services.generated.json from complete data on the npm registry:
//   aws-sdk (v2) apis/metadata.json + apis/*.min.json  — every service's class name, endpointPrefix, serviceId
//   @aws-cdk/aws-service-spec db.json.gz                 — every CloudFormation resource type and namespace
// The v3 package and client names follow the SDK's own code generation rule: the package is
// `@aws-sdk/client-` + serviceId lowercased with spaces as dashes, the client class is serviceId in
// PascalCase + "Client". Run with `npm run gen:catalogue` after upgrading either package.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const require = createRequire(import.meta.url);
const apisDir = path.dirname(require.resolve('aws-sdk/apis/metadata.json'));
const metadata = JSON.parse(readFileSync(path.join(apisDir, 'metadata.json'), 'utf8'));

/** Endpoint prefixes with a qualifier drop it (CONTRACTS.md "Service ids"). */
function serviceIdOfPrefix(prefix) {
  const p = prefix.toLowerCase();
  if (p === 'email') return 'ses';
  const qualified = { 'api.ecr': 'ecr', 'runtime.sagemaker': 'sagemaker', 'data.iot': 'iot', 'api.pricing': 'pricing',
    'runtime.lex': 'lex', 'runtime-v2-lex': 'lex', 'api.sagemaker': 'sagemaker', 'data.mediastore': 'mediastore',
    'data.jobs.iot': 'iot', 'api.iot': 'iot', 'api.tunneling.iot': 'iot', 'runtime.personalize': 'personalize',
    'a2i-runtime.sagemaker': 'sagemaker', 'featurestore-runtime.sagemaker': 'sagemaker', 'edge.sagemaker': 'sagemaker',
    'entitlement.marketplace': 'marketplace', 'metering.marketplace': 'marketplace', 'catalog.marketplace': 'marketplace',
    'api.detective': 'detective', 'api.mediatailor': 'mediatailor', 'streams.dynamodb': 'dynamodb',
    'models.lex': 'lex', 'runtime.lex.v2': 'lex', 'data-ats.iot': 'iot', 'data.iot-ats': 'iot', 'api.fleethub.iot': 'iot',
    'contact-lens': 'contact-lens', 'profile': 'profile', 'api.elastic-inference': 'elastic-inference' };
  if (qualified[p]) return qualified[p];
  if (p.includes('.')) return p.split('.').pop();
  return p;
}

function pascal(serviceId) {
  return serviceId.split(/[\s-]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

const files = readdirSync(apisDir).filter((f) => f.endsWith('.min.json'));
const latestByUidPrefix = new Map();
for (const f of files.sort()) latestByUidPrefix.set(f.replace(/-\d{4}-\d{2}-\d{2}\.min\.json$/, ''), f);

const services = {};          // id → { name, prefixes, v2, v3Package, v3Client, signingName }
const v2Class = {};           // AWS.<Class> and aws-sdk/clients/<lower> → id
const v3Package = {};         // @aws-sdk/client-x → id
const v3Client = {};          // XClient and the aggregated X → id
const boto3 = {};             // boto3.client('<name>') → id
const prefixes = {};          // endpoint prefix (first label) → id

function add(id, fields) {
  const s = (services[id] ??= { name: fields.name, prefixes: [], v2Classes: [], v3Packages: [], v3Clients: [] });
  for (const k of ['prefixes', 'v2Classes', 'v3Packages', 'v3Clients']) for (const v of fields[k] ?? []) if (!s[k].includes(v)) s[k].push(v);
}

for (const [key, meta] of Object.entries(metadata)) {
  const uidPrefix = [...latestByUidPrefix.keys()].find((p) => p.toLowerCase() === (meta.prefix ?? key).toLowerCase());
  const file = uidPrefix ? latestByUidPrefix.get(uidPrefix) : undefined;
  if (!file) continue;
  const m = JSON.parse(readFileSync(path.join(apisDir, file), 'utf8')).metadata;
  const id = serviceIdOfPrefix(m.endpointPrefix);
  const sdkId = m.serviceId ?? meta.name;
  const pkg = `@aws-sdk/client-${sdkId.toLowerCase().replace(/\s+/g, '-')}`;
  const client = `${pascal(sdkId)}Client`;
  add(id, { name: m.serviceFullName, prefixes: [m.endpointPrefix.toLowerCase()], v2Classes: [meta.name], v3Packages: [pkg], v3Clients: [client] });
  v2Class[meta.name] = id;
  v3Package[pkg] = id;
  v3Client[client] = id;
  v3Client[pascal(sdkId)] = v3Client[pascal(sdkId)] ?? id; // the aggregated client (`new DynamoDB({})`)
  prefixes[m.endpointPrefix.toLowerCase()] = id;
  boto3[key] = boto3[key] ?? id;
  boto3[pkg.slice('@aws-sdk/client-'.length)] = id;
  boto3[m.endpointPrefix.toLowerCase()] = boto3[m.endpointPrefix.toLowerCase()] ?? id;
}

// boto3 names that none of the derivations above yield (botocore's historical data folder names).
Object.assign(boto3, { stepfunctions: 'states', elbv2: 'elasticloadbalancing', elb: 'elasticloadbalancing',
  'sagemaker-runtime': 'sagemaker', 'lex-runtime': 'lex', 'lexv2-runtime': 'lex', 'iot-data': 'iot',
  'cloudwatch': 'monitoring', 'logs': 'logs', 'events': 'events', 'ses': 'ses', 'sesv2': 'ses', 'ce': 'ce',
  'dynamodbstreams': 'dynamodb', 'apigatewaymanagementapi': 'execute-api', 'es': 'es', 'opensearch': 'es',
  'opensearchserverless': 'aoss', 'kafka': 'kafka', 'route53-recovery-cluster': 'route53-recovery-cluster',
  'route53-recovery-control-config': 'route53-recovery-control-config', 'globalaccelerator': 'globalaccelerator' });

// v3 packages that exist on the registry for services newer than the frozen v2 SDK: the package
// suffix is the best available id (it equals the endpoint prefix for nearly every new service).
const npmList = process.env.NPM_PACKAGE_LIST;
if (npmList) {
  for (const line of readFileSync(npmList, 'utf8').split('\n')) {
    const name = line.split('\t')[0];
    if (!/^@aws-sdk\/client-[a-z0-9-]+$/.test(name) || v3Package[name]) continue;
    const suffix = name.slice('@aws-sdk/client-'.length);
    const id = suffix;
    v3Package[name] = id;
    v3Client[`${pascal(suffix)}Client`] = v3Client[`${pascal(suffix)}Client`] ?? id;
    add(id, { name: suffix, v3Packages: [name], v3Clients: [`${pascal(suffix)}Client`] });
  }
}

// CloudFormation: every namespace of @aws-cdk/aws-service-spec mapped through the v2 class name of
// the same service, with a table for namespaces whose name differs from every SDK class name.
const db = JSON.parse(gunzipSync(readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz')))).schema;
const cfnExceptions = {
  'AWS::ElasticLoadBalancingV2': 'elasticloadbalancing', 'AWS::ElasticLoadBalancing': 'elasticloadbalancing',
  'AWS::Cognito': 'cognito-idp', 'AWS::Events': 'events', 'AWS::Logs': 'logs', 'AWS::CloudWatch': 'monitoring',
  'AWS::StepFunctions': 'states', 'AWS::CertificateManager': 'acm', 'AWS::ApiGatewayV2': 'apigateway',
  'AWS::ApiGateway': 'apigateway', 'AWS::OpenSearchService': 'es', 'AWS::Elasticsearch': 'es', 'AWS::SES': 'ses',
  'AWS::Serverless': 'lambda', 'AWS::WAFv2': 'wafv2', 'AWS::WAF': 'waf', 'AWS::WAFRegional': 'waf-regional',
  'AWS::EC2': 'ec2', 'AWS::ECR': 'ecr', 'AWS::MSK': 'kafka', 'AWS::KinesisFirehose': 'firehose',
  'AWS::SageMaker': 'sagemaker', 'AWS::IoT': 'iot', 'AWS::Route53RecoveryControl': 'route53-recovery-control-config',
  'AWS::Route53RecoveryReadiness': 'route53-recovery-readiness', 'AWS::RDS': 'rds', 'AWS::DocDB': 'rds',
  'AWS::Neptune': 'rds', 'AWS::EMR': 'elasticmapreduce', 'AWS::AutoScaling': 'autoscaling',
  'AWS::ApplicationAutoScaling': 'application-autoscaling', 'AWS::SSO': 'sso', 'AWS::KinesisAnalytics': 'kinesisanalytics',
  'AWS::KinesisAnalyticsV2': 'kinesisanalytics', 'AWS::OpenSearchServerless': 'aoss', 'AWS::Pipes': 'pipes',
  'AWS::Scheduler': 'scheduler', 'AWS::EventSchemas': 'schemas', 'AWS::CodeStarConnections': 'codestar-connections',
  'AWS::Budgets': 'budgets', 'AWS::CE': 'ce', 'AWS::DAX': 'dax', 'AWS::SSM': 'ssm', 'AWS::AppSync': 'appsync',
  'AWS::Lambda': 'lambda', 'AWS::SNS': 'sns', 'AWS::SQS': 'sqs', 'AWS::S3': 's3', 'AWS::S3Express': 's3',
  'AWS::S3Outposts': 's3-outposts', 'AWS::IAM': 'iam', 'AWS::KMS': 'kms', 'AWS::SecretsManager': 'secretsmanager',
  'AWS::DynamoDB': 'dynamodb', 'AWS::CloudFront': 'cloudfront', 'AWS::Route53': 'route53', 'AWS::GlobalAccelerator': 'globalaccelerator',
  'AWS::Backup': 'backup', 'AWS::ElastiCache': 'elasticache', 'AWS::EFS': 'elasticfilesystem', 'AWS::ECS': 'ecs', 'AWS::EKS': 'eks',
  'AWS::Kinesis': 'kinesis', 'AWS::CloudFormation': 'cloudformation', 'AWS::CloudTrail': 'cloudtrail', 'AWS::Config': 'config',
  'AWS::CodeBuild': 'codebuild', 'AWS::CodePipeline': 'codepipeline', 'AWS::CodeCommit': 'codecommit', 'AWS::CodeDeploy': 'codedeploy',
  'AWS::Organizations': 'organizations', 'AWS::Shield': 'shield', 'AWS::NetworkManager': 'networkmanager',
};
const v2ByLower = Object.fromEntries(Object.entries(v2Class).map(([k, v]) => [k.toLowerCase(), v]));
const cfnNamespace = {};
const cfnTypes = {};
for (const r of Object.values(db.resource.entities)) {
  const type = r.cloudFormationType;
  const ns = type.split('::').slice(0, 2).join('::');
  if (!cfnNamespace[ns]) {
    const short = ns.split('::')[1].toLowerCase();
    cfnNamespace[ns] = cfnExceptions[ns] ?? v2ByLower[short] ?? (prefixes[short] ? short : short);
  }
  cfnTypes[type] = 1;
}
// SAM's transform types are not CloudFormation resources in the spec; each maps to its service.
const samTypes = { 'AWS::Serverless::Function': 'lambda', 'AWS::Serverless::Api': 'apigateway', 'AWS::Serverless::HttpApi': 'apigateway',
  'AWS::Serverless::SimpleTable': 'dynamodb', 'AWS::Serverless::StateMachine': 'states', 'AWS::Serverless::LayerVersion': 'lambda',
  'AWS::Serverless::Application': 'serverlessrepo', 'AWS::Serverless::Connector': 'iam', 'AWS::Serverless::GraphQLApi': 'appsync' };

// CDK v2 modules `aws-cdk-lib/aws-<x>` (and v1 `@aws-cdk/aws-<x>`) by the spec's service name.
const cdkModule = {};
for (const s of Object.values(db.service.entities)) {
  if (s.cloudFormationNamespace && cfnNamespace[s.cloudFormationNamespace]) cdkModule[s.name] = cfnNamespace[s.cloudFormationNamespace];
}
Object.assign(cdkModule, { 'aws-lambda-nodejs': 'lambda', 'aws-lambda-python': 'lambda', 'aws-apigatewayv2': 'apigateway',
  'aws-s3-deployment': 's3', 'aws-cloudfront-origins': 'cloudfront', 'aws-route53-targets': 'route53', 'aws-ecs-patterns': 'ecs',
  'aws-elasticloadbalancingv2': 'elasticloadbalancing', 'aws-events-targets': 'events', 'aws-lambda-event-sources': 'lambda',
  'aws-stepfunctions-tasks': 'states', 'aws-certificatemanager': 'acm', 'aws-cognito': 'cognito-idp', 'aws-logs': 'logs',
  'aws-cloudwatch': 'monitoring', 'aws-cloudwatch-actions': 'monitoring', 'aws-sns-subscriptions': 'sns', 'aws-s3-notifications': 's3' });

const sortObj = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const out = {
  generatedFrom: { 'aws-sdk': require('aws-sdk/package.json').version, '@aws-cdk/aws-service-spec': require('@aws-cdk/aws-service-spec/package.json').version },
  services: sortObj(services), v2Class: sortObj(v2Class), v3Package: sortObj(v3Package), v3Client: sortObj(v3Client),
  boto3: sortObj(boto3), prefixes: sortObj(prefixes), cfnNamespace: sortObj(cfnNamespace), samTypes, cdkModule: sortObj(cdkModule),
  cfnTypeCount: Object.keys(cfnTypes).length,
  // Every resource type by namespace (`AWS::DynamoDB` → `GlobalTable`, `Table` …): the canonical kinds
  // of src/core/resources/kinds.ts are these types, and the kind table is checked against them.
  cfnTypes: Object.fromEntries(Object.keys(cfnNamespace).sort().map((ns) => [ns, Object.keys(cfnTypes).filter((t) => t.startsWith(`${ns}::`)).map((t) => t.slice(ns.length + 2)).sort()])),
};
const target = new URL('../src/core/catalogue/services.generated.json', import.meta.url);
writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`services ${Object.keys(services).length}, v3 packages ${Object.keys(v3Package).length}, CloudFormation namespaces ${Object.keys(cfnNamespace).length} (${out.cfnTypeCount} types), CDK modules ${Object.keys(cdkModule).length}`);
