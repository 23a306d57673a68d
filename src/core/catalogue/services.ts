/**
 * The AWS service catalogue: every name a service goes by in SDKs and IaC, mapped to its service
 * id (the endpoint prefix, lowercased; CONTRACTS.md "Service ids"). The data is generated from the
 * aws-sdk v2 API metadata and the CDK service spec by `scripts/gen-catalogue.mjs`; nothing here is
 * a hand list except the few exceptions the generator documents.
 */
import catalogue from './services.generated.json';

type Table = Record<string, string>;
const v2Class = catalogue.v2Class as Table;
const v3Package = catalogue.v3Package as Table;
const v3Client = catalogue.v3Client as Table;
const boto3Names = catalogue.boto3 as Table;
const prefixes = catalogue.prefixes as Table;
const cfnNamespace = catalogue.cfnNamespace as Table;
const samTypes = catalogue.samTypes as Table;
const cdkModules = catalogue.cdkModule as Table;
const services = catalogue.services as Record<string, { name: string }>;
const cfnTypes = catalogue.cfnTypes as Record<string, string[]>;

const own = (t: Table, k: string): string | undefined => (Object.prototype.hasOwnProperty.call(t, k) ? t[k] : undefined);

/** `@aws-sdk/client-dynamodb` → `dynamodb` */
export function serviceOfV3Package(pkg: string): string | undefined {
  return own(v3Package, pkg);
}

/** `DynamoDBClient` (or the aggregated `DynamoDB`) → `dynamodb` */
export function serviceOfV3Client(className: string): string | undefined {
  return own(v3Client, className);
}

/** SDK v2 `AWS.DynamoDB` → `dynamodb`; also the module name of `aws-sdk/clients/dynamodb`. */
export function serviceOfV2Class(className: string): string | undefined {
  const direct = own(v2Class, className);
  if (direct) return direct;
  const lower = className.toLowerCase();
  for (const k of Object.keys(v2Class)) if (k.toLowerCase() === lower) return v2Class[k];
  return undefined;
}

/** boto3 `client("cognito-idp")`, `resource("dynamodb")` → `cognito-idp`, `dynamodb` */
export function serviceOfBoto3Name(name: string): string | undefined {
  return own(boto3Names, name.toLowerCase());
}

/** A CloudFormation or SAM resource type → service id; unknown `AWS::` namespaces fall back to their lowercased name. */
export function serviceOfCloudFormationType(type: string): string | undefined {
  const sam = own(samTypes, type);
  if (sam) return sam;
  const parts = type.split('::');
  if (parts.length < 3 || parts[0] !== 'AWS') return undefined;
  return own(cfnNamespace, `${parts[0]}::${parts[1]}`) ?? parts[1].toLowerCase();
}

/** Whether a CloudFormation resource type exists (`AWS::DynamoDB::Table`); SAM's transform types are not resource types. */
export function isCloudFormationResourceType(type: string): boolean {
  const i = type.lastIndexOf('::');
  if (i <= 0) return false;
  const names = own(cfnTypes as unknown as Table, type.slice(0, i)) as unknown as string[] | undefined;
  return names !== undefined && names.includes(type.slice(i + 2));
}

const namespaceByLowerName = new Map<string, string>();

/**
 * The CloudFormation type whose namespace's service name and resource name equal the given ones,
 * case-insensitively (`dynamodb`, `table` → `AWS::DynamoDB::Table`): how CDK L1 classes
 * (`aws-dynamodb.CfnTable`) and Pulumi AWS Native tokens (`aws-native:dynamodb:Table`) name the
 * type they wrap.
 */
export function cloudFormationTypeOf(namespaceName: string, resourceName: string): string | undefined {
  if (namespaceByLowerName.size === 0) for (const ns of Object.keys(cfnTypes)) namespaceByLowerName.set(ns.slice(ns.indexOf('::') + 2).toLowerCase(), ns);
  const ns = namespaceByLowerName.get(namespaceName.toLowerCase());
  if (!ns) return undefined;
  const lower = resourceName.toLowerCase();
  const name = cfnTypes[ns].find((n) => n.toLowerCase() === lower);
  return name ? `${ns}::${name}` : undefined;
}

/** The CloudFormation namespaces of a service id (`ec2` → `AWS::EC2`; `rds` → `AWS::RDS`, `AWS::DocDB`, `AWS::Neptune`). */
export function cloudFormationNamespacesOf(service: string): string[] {
  return Object.keys(cfnNamespace).filter((ns) => cfnNamespace[ns] === service && Object.prototype.hasOwnProperty.call(cfnTypes, ns));
}

/** The resource names of a CloudFormation namespace (`AWS::DynamoDB` → `GlobalTable`, `Table`). */
export function cloudFormationTypesIn(namespace: string): readonly string[] {
  return (own(cfnTypes as unknown as Table, namespace) as unknown as string[] | undefined) ?? [];
}

/** CDK module `aws-dynamodb` (from `aws-cdk-lib/aws-dynamodb` or `@aws-cdk/aws-dynamodb`) → `dynamodb` */
export function serviceOfCdkModule(moduleName: string): string | undefined {
  return own(cdkModules, moduleName);
}

/**
 * The service of an endpoint host's labels, e.g. `dynamodb.us-east-1.amazonaws.com` → `dynamodb`,
 * `abc123.execute-api.eu-west-1.amazonaws.com` → `execute-api`, `api.ecr.us-east-1.amazonaws.com` → `ecr`,
 * `my-bucket.s3.amazonaws.com` → `s3`, `s3-us-west-2.amazonaws.com` → `s3`.
 */
export function serviceOfEndpointLabels(labels: string[]): string | undefined {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i].toLowerCase();
    const two = i + 1 < labels.length ? `${label}.${labels[i + 1].toLowerCase()}` : '';
    if (two && own(prefixes, two)) return prefixes[two];
    if (label === 'email') return 'ses';
    if (label.startsWith('s3-') || label === 's3' || label.startsWith('s3.')) return 's3';
    const p = own(prefixes, label);
    if (p) return p;
    if (label === 'lambda-url') return 'lambda';
    if (label === 'execute-api') return 'execute-api';
  }
  return undefined;
}

/** Whether an id names a service in the catalogue (ARN service fields use it). */
export function isKnownService(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(services, id) || Object.prototype.hasOwnProperty.call(prefixes, id);
}

/**
 * The readable name: `Amazon DynamoDB`. Some SDK metadata names are identifiers
 * (`AmazonApiGatewayManagementApi`, `AWSBillingConductor`): those are split into words, so views
 * never show a class name as a service name.
 */
export function serviceDisplayName(id: string): string {
  const name = (Object.prototype.hasOwnProperty.call(services, id) && services[id].name) || id;
  return /\s/.test(name) || !/[a-z][A-Z]|^[A-Z]{2,}[a-z]/.test(name) ? name : wordsOfIdentifier(name);
}

const ACRONYMS: Table = { Api: 'API', Mq: 'MQ', Ai: 'AI', Sdk: 'SDK' };

/** `AmazonApiGatewayManagementApi` → `Amazon API Gateway Management API`; `AWSBillingConductor` → `AWS Billing Conductor`. */
function wordsOfIdentifier(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((w) => own(ACRONYMS, w) ?? w)
    .join(' ');
}

/**
 * ARN service fields that differ from the endpoint prefix (`arn:aws:states:…` is already right;
 * these are not). Source: the Service Authorization Reference's "ARN format" per service.
 */
const ARN_SERVICE_EXCEPTIONS: Table = { 'elasticfilesystem': 'elasticfilesystem', 'execute-api': 'execute-api', 'apigateway': 'apigateway' };

export function serviceOfArnField(field: string): string {
  return own(ARN_SERVICE_EXCEPTIONS, field) ?? own(prefixes, field) ?? field;
}
