/**
 * The dependency model: the contract every part of Outage Radar shares (scanners, region
 * resolution, rules, renderers, the language server, the CLI and the webview).
 *
 * Everything here is plain serialisable data: scanner results cross worker threads and live in
 * the cache. The JSON shape of {@link DependencyMap} is fixed by
 * `schemas/dependency-map.schema.json`; fields may be added, none may change meaning.
 */

import type { ViewSummary } from './summary';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DEPENDENCY_KINDS = ['sdk-client', 'sdk-call', 'iac-resource', 'region-config', 'endpoint', 'arn'] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

export const REGION_SOURCES = [
  'literal', 'variable', 'env', 'config-file', 'provider', 'stack-env', 'deploy-config',
  'global-service', 'parameter', 'default', 'unresolved',
] as const;
/** How a dependency's region was decided; see CONTRACTS.md "Regions". */
export type RegionSource = (typeof REGION_SOURCES)[number];

/** A range in one file: 1-based lines, 1-based columns in UTF-16 code units, end exclusive. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a trace step points. */
export interface TraceAt {
  file: string;
  line: number;
  column?: number;
}

/**
 * What kind of evidence one step of a region trace is, with its structured fields. Consumers
 * (rules, hovers, views) read `kind` and these fields; the display sentence (`reason`) is rendered
 * from them by `src/core/trace.ts` and is never parsed. `region` is the region the step names
 * when it names one; `regions` when it names several.
 */
export type TraceEvidence =
  /** a region literal at this place: `region "us-east-1" written here` */
  | { kind: 'literal'; region: string }
  /** one entry of a lookup table keyed by region (`{ "us-east-1": "arn:…" }`, a region `Mappings` column) */
  | { kind: 'table-entry'; region: string; text: string }
  /** `process.env.AWS_REGION ?? "us-east-1"`; `applied` when the resolver used it because nothing else decides */
  | { kind: 'fallback'; region: string; variable: string; applied?: boolean }
  /** code reads the region from an environment variable (`process.env.AWS_REGION`) */
  | { kind: 'env-read'; variable: string }
  /** the process environment decides at run time: the variable read, or (none) the SDK's default chain */
  | { kind: 'runtime-env'; variable?: string }
  /** the value went through a name: a constant, a property, a field (`const REGION`) */
  | { kind: 'value'; via: string }
  /** an assignment `name = expression` the value went through */
  | { kind: 'assignment'; name: string; expression: string }
  /** the value of a parameter at one call site of `function` */
  | { kind: 'call-argument'; function: string }
  /** the default value of a parameter */
  | { kind: 'parameter-default'; parameter: string }
  /** a region the caller passes in (`deployRegion`, a parameter of `function`); `default` as written */
  | { kind: 'caller-parameter'; parameter: string; function: string; default?: string }
  /** a loop variable over a list of regions; `several` when each element is a candidate */
  | { kind: 'loop'; variable: string; several: boolean }
  /** CDK `tryGetContext(key)` in code */
  | { kind: 'cdk-context'; key: string }
  /** Pulumi stack configuration `aws:region` read in code */
  | { kind: 'pulumi-config' }
  /** code that runs in a function a Pulumi program deploys */
  | { kind: 'pulumi-function' }
  /** a Lambda@Edge function: its stack is in `region` */
  | { kind: 'edge-function'; region: string }
  /** SDK v2 `AWS.config.update({ region })` before the client */
  | { kind: 'sdk-global-config' }
  /** a legacy global endpoint the SDK calls (`sts.amazonaws.com`) */
  | { kind: 'global-endpoint'; service: string; region: string; host: string }
  /** `boto3.setup_default_session(...)` and similar process-wide defaults, as written */
  | { kind: 'default-session'; call: string }
  /** a client imported from another module */
  | { kind: 'imported-client'; name?: string; from: string }
  /** a deploy configuration setting: samconfig `region`, Serverless `provider.region`, Pulumi `aws:region`, cdk.json context, a CI `aws-region` */
  | { kind: 'deploy-config'; setting: string; value: string; region?: string; regions?: string[]; environment?: string; overridable?: boolean }
  /** code deployed as a function (`unit`); its AWS_REGION is the region of `regionOf` */
  | { kind: 'deployed-function'; unit: string; regionOf: 'stack' | 'function' | 'own' | 'deploy-time'; codePath?: string }
  /** a deployed function sets a variable for its code */
  | { kind: 'unit-env'; unit: string; variable: string; value: string; region?: string }
  /** a CDK stack instantiation `new Stack(app, 'Id')` */
  | { kind: 'stack-instantiation'; className: string; id: string }
  /** a CDK stack's `env.region`: a region, several, an environment variable, a context key, or (none) an expression */
  | { kind: 'stack-env'; region?: string; regions?: string[]; variable?: string; contextKey?: string }
  /** a Terraform or Pulumi provider: its region (`value`), a proxy whose callers pass `proxyFor`, or no region at all */
  | { kind: 'provider'; provider: string; state: 'region' | 'proxy' | 'no-region' | 'pulumi'; value?: string; region?: string }
  /** a Terraform module call passes a provider (`passed`), inherits the default provider of `inheritsFrom`, or passes none */
  | { kind: 'module-provider'; module: string; provider: string; passed?: string; inheritsFrom?: string; missing?: boolean }
  /** a Terraform module call sets an input */
  | { kind: 'module-input'; module: string; variable: string; value: string; region?: string }
  /** a Terraform variable's default (`value`), or a `null` default */
  | { kind: 'terraform-variable'; variable: string; value?: string; region?: string; nullDefault?: boolean }
  /** a Terraform local value */
  | { kind: 'terraform-local'; name: string; value: string; region?: string }
  /** a `.tfvars` assignment; `varFile` when the file is not auto-loaded */
  | { kind: 'tfvars'; variable: string; value: string; region?: string; varFile?: string }
  /** a Terraform resource uses a provider alias */
  | { kind: 'resource-provider'; resource: string; provider: string; folder?: string }
  /** a Terraform resource's own `region` argument */
  | { kind: 'resource-region'; resource: string; value: string; region?: string }
  /** a global service: the region hosting its control plane or endpoint, whatever was configured */
  | { kind: 'global-control-plane'; service: string; region: string; note: string; configuredRegion?: string }
  /** chosen at deploy time, not recorded in the workspace */
  | { kind: 'deploy-time'; subject: 'stack' | 'variable' | 'cdk-context' | 'profile' | 'pulumi-stack' | 's3-backend' | 'terraform-variable'; name?: string }
  /** a CI job's environment variable (`exported` by an action such as configure-aws-credentials) */
  | { kind: 'ci-env'; variable: string; value?: string; label?: string; exported?: boolean; job?: string; form?: 'setting'; region?: string }
  /** a CI matrix axis */
  | { kind: 'ci-matrix'; path: string; regions: string[]; form?: 'gitlab' }
  /** a CI workflow input: its options or its default */
  | { kind: 'ci-input'; input: string; options?: string[]; default?: string }
  /** a CI job's deploy step that deploys this code or stack; `job` is the job id */
  | { kind: 'ci-deploy'; tool: string; command: string; job?: string; region?: string; regions?: string[] }
  /** a CI job step that runs this program (`python scripts/stats.py`) with the job's environment */
  | { kind: 'ci-run'; command: string; job?: string; region?: string; regions?: string[] }
  /** an environment assignment (`.env`, Dockerfile `ENV`, a shell `X=…`) */
  | { kind: 'env-assignment'; variable: string; value: string; keyword?: string; form?: 'setting'; region?: string }
  /** a shell loop over values */
  | { kind: 'shell-loop'; variable: string; values: string }
  /** a framework's documented default region (Serverless → us-east-1) */
  | { kind: 'framework-default'; framework: string; region: string }
  /** a value that depends on the deploy stage */
  | { kind: 'stage-dependent'; expression: string; regions: string[] }
  /** what the workspace cannot decide: an instantiation missing, an imported or computed value */
  | { kind: 'unresolved'; subject: 'no-instantiation' | 'imported' | 'computed' | 'expression' | 'budget'; name: string; steps?: number };

export type TraceKind = TraceEvidence['kind'];

/**
 * One step of the chain that led to a region: where it is, what kind of evidence it is (with its
 * fields), and `reason`, the display sentence rendered from the kind by `src/core/trace.ts`.
 */
export type TraceStep = TraceAt & TraceEvidence & { reason: string };

/**
 * Normalised resilience facts of a declared resource, the same names whatever the format
 * (CloudFormation, Terraform, CDK, Pulumi, Serverless). Scanners fill what the declaration says;
 * a field left undefined means "not stated", which rules must not read as false.
 */
export interface ResourceFacts {
  /** the type as the declaration writes it: `AWS::DynamoDB::Table`, `aws_dynamodb_table`, `aws-cdk-lib/aws-dynamodb.TableV2` */
  type: string;
  /**
   * The canonical kind, one spelling whatever the format: the CloudFormation type from the catalogue
   * (`AWS::DynamoDB::Table` for all four spellings above), `Type/Property` for a property declared as a
   * resource of its own, `Type@version` for an older generation (src/core/resources/kinds.ts). Unset
   * when the type is no AWS resource type the catalogue knows (a custom resource). Rules ask by kind.
   */
  kind?: string;
  /** logical id, Terraform name, or construct id */
  name: string;
  /** regions of replicas other than the resource's own (DynamoDB global tables, secrets, S3/ECR replication destinations) */
  replicaRegions?: (string | null)[];
  /**
   * The declaration replicates to regions it computes (`replicas: regions.map((region) => ({ region }))`,
   * Terraform `dynamic "replica"`): replicated, to regions the workspace does not list. Set only
   * when `replicaRegions` could not be read; rules count it as replicated elsewhere.
   */
  replicated?: boolean;
  /** null when the value is an expression that cannot be known statically */
  multiAz?: boolean | null;
  /** further normalised facts rules read; keys are documented in {@link ResourceAttributes} */
  attributes?: ResourceAttributes;
}

/**
 * Format-independent facts that rules read. Every key is optional; scanners set only what the
 * declaration states. Add keys here (with a doc comment) rather than reading raw properties in a
 * rule, so that one rule serves every format.
 */
export interface ResourceAttributes {
  /** KMS key is multi-Region */
  multiRegion?: boolean | null;
  /** DynamoDB point-in-time recovery enabled */
  pointInTimeRecovery?: boolean | null;
  /** Aurora/RDS: the resource is a member of a global cluster */
  globalCluster?: boolean | null;
  /** RDS instance belongs to a cluster (Multi-AZ is then the cluster's business) */
  inCluster?: boolean;
  /** RDS: has a cross-region read replica or automated backup replication */
  crossRegionCopy?: boolean | null;
  /** S3/EFS storage that keeps data in one AZ (ONEZONE_IA, directory bucket, EFS One Zone) */
  singleAzStorage?: boolean;
  /** availability zone names written in the declaration */
  availabilityZones?: string[];
  /** subnet references (ids, logical names or expressions as text) */
  subnets?: string[];
  /** how each of `subnets` is written (src/core/resources/subnets.ts): a splat or `for` expression over `many`, a literal subnet `id`, a `reference` to follow */
  subnetForms?: ('many' | 'id' | 'reference')[];
  /** ElastiCache automatic failover / Multi-AZ; OpenSearch zone awareness */
  automaticFailover?: boolean | null;
  zoneAwareness?: boolean | null;
  /** ELB cross-zone load balancing */
  crossZone?: boolean | null;
  /** API Gateway endpoint type (EDGE, REGIONAL, PRIVATE); undefined = not stated (EDGE by default) */
  endpointType?: string;
  /** WAFv2 WebACL scope (CLOUDFRONT | REGIONAL) */
  scope?: string;
  /** Route 53 record routing: 'simple' | 'failover' | 'latency' | 'weighted' | 'geolocation' | … */
  routingPolicy?: string;
  failoverRole?: 'PRIMARY' | 'SECONDARY';
  healthCheck?: boolean;
  /** CloudFront: has an origin group with failover criteria */
  originFailover?: boolean | null;
  /** CloudFront viewer certificate ARN (text) */
  viewerCertificateArn?: string;
  /** the certificate ARN names the stack's own region (`arn:aws:acm:${AWS::Region}:…`) */
  viewerCertificateInStackRegion?: boolean;
  /** CloudFront / Lambda@Edge associations */
  lambdaEdge?: boolean;
  /** AWS Backup rule copies to another region */
  crossRegionCopyTargets?: (string | null)[];
  /** EventBridge rule event source pattern (e.g. aws.health) */
  eventSources?: string[];
  /** NAT gateway count for a VPC construct (CDK natGateways) */
  natGateways?: number;
  /** Cognito user pool replication (multi-region) */
  replicated?: boolean | null;
  /** Lambda / deployable code this resource runs (workspace-relative paths) */
  codePaths?: string[];
  /** names the resource is known by at run time (table name, bucket name, queue name) */
  physicalNames?: string[];
  /** environment variables the resource sets for its code */
  environment?: Record<string, string>;
  /**
   * References, as written, to the resource this one replicates or copies: the table of an
   * `aws_dynamodb_table_replica`, the pool of an `AWS::Cognito::UserPoolReplica`, the source of an RDS
   * read replica or of an `aws_db_instance_automated_backups_replication`, the source cluster of an
   * `AWS::RDS::GlobalCluster`, the bucket of an `aws_s3_bucket_replication_configuration`.
   * A logical id (`OrdersTable`), a Terraform address (`aws_dynamodb_table.orders.arn`), an ARN or a
   * physical name. Where the copy lives: its `replicaRegions` when set, else its own region.
   */
  replicaOf?: string[];
  /** S3 replication: destination buckets as written (ARN, logical id, Terraform address), to find them in the workspace */
  replicationDestinations?: string[];
  /** KMS keys the resource encrypts with, as written (key ARN, alias, logical id, Terraform address) */
  kmsKeys?: string[];
  /**
   * Availability zones chosen by an expression rather than a name, normalised so that the same
   * choice gives the same text: `GetAZs[0]` for `!Select [0, !GetAZs ""]`,
   * `data.aws_availability_zones.available.names[1]`. Different texts of one shape mean different zones.
   */
  availabilityZoneRefs?: string[];
  /** Route 53 record type (`A`, `AAAA`, `CNAME`, `MX`, `TXT` …) */
  recordType?: string;
  /** Route 53 alias target's DNS name or reference, as written (`d111.cloudfront.net`, `${Alb.DNSName}`, `aws_lb.web.dns_name`) */
  aliasTarget?: string;
  /** the canonical kind of the resource a Route 53 alias target refers to, when the reference names its type (`aws_cloudfront_distribution.site.domain_name` → `AWS::CloudFront::Distribution`) */
  aliasTargetKind?: string;
  /**
   * Route 53 alias target's hosted zone id or reference, as written. Fixed ids name the kind of
   * target whatever its DNS name is written as: `Z2FDTNDATAQYW2` is every CloudFront distribution,
   * `Z2BJ6XQ5FK7U4H` every Global Accelerator accelerator.
   */
  aliasHostedZoneId?: string;
  /** CloudFront origins' domain names or references, as written */
  originDomains?: string[];
  /**
   * Where a quick fix can add a property line to this declaration: the 1-based line after which a
   * new line is inserted, and the indentation of the declaration's existing properties. Set only
   * where a line inserted there is valid: a block-style YAML `Properties:` mapping (line of
   * `Properties:`) or a multi-line Terraform resource body (line of `resource "…" "…" {`).
   * `keys` lists the property names already written there, so that a fix never adds a duplicate
   * (facts may carry a documented default, which cannot tell "absent" from "written as false").
   */
  propertyInsertion?: { line: number; indent: string; syntax: 'yaml' | 'hcl'; keys: string[] };
  /** where the first availability zone name is written (`availability_zone = "us-east-1a"`, `AvailabilityZone: us-east-1a`), for findings about it */
  availabilityZoneAt?: Span;
  /** `replicaRegions` lists every replica, the resource's own region included (CloudFormation `AWS::DynamoDB::GlobalTable` Replicas, ElastiCache global replication group members) */
  replicaRegionsIncludeOwn?: boolean;
  /** ELBv2 load balancer type: `application` | `network` | `gateway` */
  loadBalancerType?: string;
  /** Route 53 record set groups: the routing of each record */
  records?: Array<{
    name?: string; routingPolicy: string; failoverRole?: 'PRIMARY' | 'SECONDARY'; healthCheck: boolean;
    /** as {@link ResourceAttributes.recordType}, {@link ResourceAttributes.aliasTarget} and {@link ResourceAttributes.aliasHostedZoneId}, for this record */
    recordType?: string; aliasTarget?: string; aliasHostedZoneId?: string;
  }>;
  /** regions a CloudFormation stack set deploys its instances to (null: an expression) */
  deploymentRegions?: (string | null)[];
  /** SAM function event source types (`Api`, `SQS`, `EventBridgeRule` …) */
  eventTypes?: string[];
  [key: string]: unknown;
}

export const RELATION_KINDS = ['replica-of', 'replicates-to', 'uses-key', 'uses-certificate', 'in-subnet', 'reads-writes', 'deployed-by'] as const;
/**
 * What a typed link means, read from its source:
 * - `replica-of`: this resource copies the target (a table replica, a read replica, a replica user
 *   pool, a backup replication, a replication configuration of the target bucket, a global endpoint
 *   of the target bus, a global cluster of the target cluster);
 * - `replicates-to`: this resource (a bucket, a replication configuration) copies its data into the target;
 * - `uses-key`: this resource encrypts with the target KMS key;
 * - `uses-certificate`: this resource (a CloudFront distribution) serves the target ACM certificate;
 * - `in-subnet`: this resource is placed in the target subnet;
 * - `reads-writes`: this SDK call (or a call through this client) reads or writes the target resource;
 * - `deployed-by`: this code runs in the target function (the declared resource that deploys it).
 */
export type RelationKind = (typeof RELATION_KINDS)[number];

/** A typed link from one dependency to another. */
export interface Relation {
  kind: RelationKind;
  /** the target dependency's id */
  to: string;
  /**
   * For links read from a list of references (`replicationDestinations`, `subnets`, `kmsKeys` …),
   * the position of the reference that names the target: several references may name one target,
   * and one reference several targets (a physical name used twice).
   */
  index?: number;
}

/** Where a region-config applies. At least one field is set. */
export interface RegionScope {
  /** the stack whose deploy region this is: a CloudFormation/SAM template, serverless.yml, Pulumi.yaml, cdk.json */
  stackFile?: string;
  /** files under this folder ('' = the workspace root) */
  directory?: string;
  /** this file only (SDK v2 AWS.config.update) */
  file?: string;
  /** environment, stage or job name; 'default' (or undefined) is the primary one */
  environment?: string;
  /** what the setting decides: where things are deployed, or the AWS_REGION code sees at run time */
  appliesTo: 'deploy' | 'runtime' | 'both';
}

/**
 * What a scanner could not decide in one file and left for the cross-file pass
 * (`src/core/resolve`). Scanners set this together with `region: null, regionSource: "unresolved"`.
 */
export type RegionRef =
  /** code that takes its region from the process environment (AWS_REGION / AWS_DEFAULT_REGION, or no region option at all) */
  | { kind: 'runtime-env'; variable?: string; fallback?: string }
  /** a resource whose region is wherever its stack is deployed (CloudFormation, SAM, Serverless resources) */
  | { kind: 'deploy-region'; stackFile: string }
  /** passes of individual formats (Terraform providers, CDK stacks, Pulumi providers) leave their own keys */
  | { kind: 'format'; format: string; key: string };

export interface Dependency extends Span {
  /** stable across runs for the same place and content */
  id: string;
  provider: 'aws';
  /** lowercase endpoint prefix (`dynamodb`, `sts`, `cognito-idp`), or `*` for a region-config */
  service: string;
  kind: DependencyKind;
  /** workspace-relative POSIX path */
  file: string;
  region: string | null;
  regionSource: RegionSource;
  candidateRegions?: string[];
  regionTrace?: TraceStep[];
  global?: boolean;
  resource?: ResourceFacts;
  /**
   * Ids of the dependencies this one is wired to in code, as scanners and the region passes find
   * them: a call → its client, a client → its endpoint or the client it wraps, a call → the declared
   * resource it uses. Untyped; {@link Dependency.relations} says what each tie means.
   */
  links?: string[];
  /** Typed links to other dependencies, made by resolution (`src/core/resolve/links.ts`); rules read these, never reference text. */
  relations?: Relation[];
  /** short readable label: `DynamoDBClient`, `PutItemCommand`, `OrdersTable`, `provider.region` */
  name?: string;
  /** sdk-call: the operation in its API form (`PutItem`, `GetObject`) */
  operation?: string;
  /** the source text the dependency stands for, normalised (endpoint host, ARN, region value) */
  text?: string;
  /** which SDK/IaC dialect produced it: `js-v3`, `js-v2`, `boto3`, `cloudformation`, `sam`, `terraform`, … */
  origin?: string;
  /** region-config only: where the setting applies */
  scope?: RegionScope;
  /** region-config only: the environment variable it sets, if it sets one (AWS_REGION, AWS_DEFAULT_REGION, CDK_DEFAULT_REGION) */
  setsEnv?: string;
  /** left by a scanner for the cross-file pass; removed from the final map */
  regionRef?: RegionRef;
  /** the enclosing function/method/handler in code, the stack or module in IaC: used for components and heuristics */
  container?: string;
}

/** A file skipped or only partly understood. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  reason: string;
  /** 'skipped' = not scanned at all; 'partial' = scanned with errors */
  severity?: 'skipped' | 'partial';
}

/** An `outage-radar-ignore <rule>: <reason>` comment. */
export interface Suppression {
  file: string;
  /** the line the comment is on */
  line: number;
  column: number;
  endColumn: number;
  /** the line whose findings it suppresses (its own line for a trailing comment, else the next code line) */
  targetLine: number;
  ruleIds: string[];
  reason: string | null;
}

/** Code that is deployed as a unit (a Lambda function, a container) and where its code lives. */
export interface DeployUnit {
  /** readable name: `OrdersFunction` */
  name: string;
  /** the stack file that declares it (template.yaml, serverless.yml) */
  stackFile: string;
  /** workspace-relative files or folders (no trailing slash) holding its code */
  codePaths: string[];
  line: number;
  /** the iac-resource that declares it */
  dependencyId?: string;
  /** environment variables it is given (name → literal value or a `${Ref}` text) */
  environment?: Record<string, string>;
}

/** What one scanner found in one file. Plain data. */
export interface FileScanResult {
  file: string;
  /** ids of the scanners that understood the file */
  formats: string[];
  dependencies: Dependency[];
  problems: Problem[];
  suppressions: Suppression[];
  deployUnits?: DeployUnit[];
  /** per-format facts that a format's own cross-file pass reads (Terraform variables, CDK stacks …) */
  formatFacts?: Record<string, unknown>;
}

export interface TextEdit extends Span {
  file: string;
  newText: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

export interface RelatedLocation {
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  dependencyIds: string[];
  helpUri?: string;
  fix?: Fix;
  related?: RelatedLocation[];
  /** rule + file + hash of the construct's normalised text: survives line shifts (baseline, SARIF) */
  fingerprint?: string;
  /** set when a suppression matched and the caller asked to keep suppressed findings */
  suppressed?: { reason: string | null; line: number };
}

/** The counts every view renders ({@link ViewSummary}, src/core/summary.ts), plus the per-region and per-service tallies of the JSON map. */
export interface Summary extends ViewSummary {
  /** every entry of `dependencies`, region settings included (= awsDependencies + regionSettings) */
  dependencies: number;
  byRegion: Record<string, number>;
  byService: Record<string, number>;
  findingsBySeverity: Record<Severity, number>;
  durationMs?: number;
}

export interface DependencyMap {
  version: 1;
  root: string;
  dependencies: Dependency[];
  findings: Finding[];
  problems: Problem[];
  summary: Summary;
  /** the deployable units (functions) and where their code lives: components for simulation and reports */
  deployUnits?: DeployUnit[];
  risk?: RiskModel;
}

/** The risk model (README "Risk model" explains each figure). */
export interface RiskModel {
  regions: Array<{ region: string; dependencies: number; findings: number; services: Record<string, number>; viaGlobalControlPlanes: number }>;
  /** share of resolved dependencies in the largest region */
  concentration: { region: string | null; share: number; resolved: number; total: number; explanation: string };
  /** 100 minus points per finding (capped per rule); explainable from `deductions` */
  resilienceScore: { score: number; explanation: string; deductions: Array<{ ruleId: string; findings: number; points: number }> };
  /** dependencies that sit in a region only because a global service's control plane lives there */
  hiddenDependencies: Array<{ service: string; region: string; count: number; dependencyIds: string[] }>;
}

/** Workload tiers borrowed from AWS Resilience Hub; `Important` is the default. */
export const TIERS = ['MissionCritical', 'Critical', 'Important', 'CoreServices', 'NonCritical'] as const;
export type Tier = (typeof TIERS)[number];
