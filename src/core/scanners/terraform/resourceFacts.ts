/**
 * The resilience facts of one Terraform AWS resource, in the format-neutral vocabulary of
 * {@link ResourceFacts}: replicas and their regions, Multi-AZ, availability zones and subnets,
 * KMS multi-Region keys, global clusters, routing policies, CloudFront failover and so on.
 *
 * Where Terraform's documented default decides a fact the rules read (an `aws_db_instance` without
 * `multi_az` is single-AZ, a table without `replica` blocks has no replicas), the default is
 * stated, because omission in Terraform is a decision, not an unknown. Expressions that cannot be
 * known statically give `null`. Facts that depend on another resource (the region of an S3
 * replication destination) are left as {@link LinkFact}s for the cross-file pass.
 */
import type { ResourceAttributes, ResourceFacts } from '../../model';
import { findRegionsInText, isAvailabilityZone, isRegion } from '../../regions';
import { analyseStringValue } from '../literals';
import type { LinkFact } from './facts';
import type { TfBody, TfExpr } from './syntax';
import { blocksOf, boolValue, exprText, numberValue, objectBody, resourceAddressOf, stringItems, stringValue, valueOf } from './syntax';
import { applyFactTable } from '../../resources/facts';
import { canonicalKind, resourceIdentity } from '../../resources/kinds';
import { subnetForm } from '../../resources/subnets';
import { certificateInStackRegion } from '../../resources/certificates';

export interface ResourceAnalysis {
  facts: ResourceFacts;
  links: LinkFact[];
}

/** Attributes that name the resource at run time (table, bucket, queue, function names). */
const PHYSICAL_NAME_ATTRIBUTES = ['name', 'bucket', 'function_name', 'identifier', 'cluster_identifier', 'replication_group_id', 'domain_name', 'queue_name', 'stream_name'];
/** Attributes that hold availability zone names. */
export const AZ_ATTRIBUTES = ['availability_zone', 'availability_zones', 'availability_zone_name', 'preferred_availability_zones', 'preferred_cache_cluster_azs'];
/** Attributes that hold subnets, directly or in the nested blocks listed in {@link SUBNET_BLOCKS}. */
const SUBNET_ATTRIBUTES = ['subnet_ids', 'subnets', 'subnet_id', 'vpc_zone_identifier', 'client_subnets'];
const SUBNET_BLOCKS = ['vpc_config', 'network_configuration', 'subnet_mapping', 'vpc_options', 'broker_node_group_info', 'network_interface'];

/**
 * Types that can name the KMS key that encrypts their data but have no kind yet, so the fact table
 * cannot say so (the argument, from the Terraform AWS provider's documentation, is in the comment):
 * a declaration that names no key uses the service's own key, and `kmsKeys` is `[]`.
 */
const NAMES_KMS_KEY_WITHOUT_KIND = new Set([
  'aws_s3_bucket_server_side_encryption_configuration', // rule { apply_server_side_encryption_by_default { kms_master_key_id } }
  'aws_s3_object', // kms_key_id
  'aws_docdb_cluster', // kms_key_id
  'aws_neptune_cluster', // kms_key_arn
]);

/** FSx types whose `deployment_type` says single- or Multi-AZ (Lustre's says something else). */
const FSX_WITH_DEPLOYMENT_TYPE = new Set(['aws_fsx_windows_file_system', 'aws_fsx_ontap_file_system', 'aws_fsx_openzfs_file_system']);

/**
 * Arguments that hold a KMS key: `kms_key_id`, `kms_master_key_id`, `kms_key_arn`, `kms_key`,
 * `kms_key_identifier`, `replica_kms_key_id`, `performance_insights_kms_key_id` … — but not
 * `kms_data_key_reuse_period_seconds` or `sse_kms_encrypted_objects`, which only mention KMS.
 */
const KMS_KEY_ARGUMENT = /(?:^|_)kms(?:_[a-z]+)*_key(?:_id|_arn|_identifier)?$/;
/** Key arguments whose names do not say KMS (aws_backup_vault). */
const OTHER_KEY_ARGUMENTS = new Set(['encryption_key_arn']);

/** The region written in a value: a region name, or the region field of an ARN; null otherwise. */
function regionOfValue(expr: TfExpr | undefined): string | null {
  const s = stringValue(expr);
  if (s === undefined) return null;
  if (isRegion(s)) return s;
  const arn = analyseStringValue(s).find((f) => f.kind === 'arn');
  return arn?.region ?? null;
}

/** The argument at `block.block.attribute` (the first block of each name); undefined when any of it is not written. */
function valueAtPath(body: TfBody, path: string): TfExpr | undefined {
  const names = path.split('.');
  let at: TfBody | undefined = body;
  for (const name of names.slice(0, -1)) {
    at = blocksOf(at, name)[0];
    if (!at) return undefined;
  }
  return valueOf(at, names[names.length - 1]);
}

/** The strings of the argument at `block.block.attribute`, over every block of each name. */
function stringsAtPath(body: TfBody, path: string): string[] {
  const names = path.split('.');
  let at: TfBody[] = [body];
  for (const name of names.slice(0, -1)) at = at.flatMap((b) => blocksOf(b, name));
  return at.flatMap((b) => stringItems(valueOf(b, names[names.length - 1])));
}

/** A boolean argument: its literal value, `fallback` (Terraform's default) when absent, null when an expression decides it. */

function boolOr(expr: TfExpr | undefined, fallback: boolean): boolean | null {
  const v = boolValue(expr);
  return v === undefined ? fallback : v;
}

/**
 * An expression's text as written, without the quotes of a string or a template
 * (`aws_lb.web.dns_name`, `${aws_s3_bucket.site.id}.s3.amazonaws.com`, `alias/orders`): the
 * spelling rules match references and hostnames against.
 */
function writtenText(expr: TfExpr, text: string): string {
  return expr.kind === 'template' ? expr.raw : exprText(expr, text);
}

/** The keys a key argument names: each branch of a conditional, nothing for `null` or `""`. */
function keyTexts(expr: TfExpr, text: string, depth = 0): string[] {
  if (expr.kind === 'null' || (expr.kind === 'string' && expr.value.trim() === '')) return [];
  if (expr.kind === 'conditional' && depth < 8) return [...keyTexts(expr.then, text, depth + 1), ...keyTexts(expr.otherwise, text, depth + 1)];
  return [writtenText(expr, text)];
}

/** Every KMS key the body names, at any depth of nested blocks (and, in the JSON syntax, of the objects that stand for them). */
function collectKmsKeys(body: TfBody, text: string, out: string[], depth: number): void {
  if (depth > 8) return;
  for (const a of body.attributes) {
    if (KMS_KEY_ARGUMENT.test(a.name) || OTHER_KEY_ARGUMENTS.has(a.name)) out.push(...keyTexts(a.value, text));
    else if (body.json && a.value.kind === 'object') collectKmsKeys(objectBody(a.value), text, out, depth + 1);
    else if (body.json && a.value.kind === 'tuple') for (const item of a.value.items) if (item.kind === 'object') collectKmsKeys(objectBody(item), text, out, depth + 1);
  }
  for (const b of body.blocks) collectKmsKeys(b.body, text, out, depth + 1);
}

/** The KMS keys a resource names, as written (none: `[]`). */
function kmsKeysOf(body: TfBody, text: string): string[] {
  const keys: string[] = [];
  collectKmsKeys(body, text, keys, 0);
  return [...new Set(keys)];
}

/** Zone choices that differ per instance (`names[count.index]`, `each.value`) or stand for several values. */
const PER_INSTANCE = /\bcount\.index\b|\beach\.(?:key|value)\b|\[\*\]|\.\*/;

/**
 * Availability zones chosen by an expression rather than a name: `data.aws_availability_zones`
 * expressions and variables or locals (`var.az`, `local.azs[1]`), normalised so that one choice
 * gives one text — `element(data.aws_availability_zones.available.names, 1)` is
 * `data.aws_availability_zones.available.names[1]`, whitespace is dropped. A choice that differs
 * per instance (`[count.index]`, `each.value`) names no one zone and is not recorded.
 */
function availabilityZoneRefs(expr: TfExpr | undefined, text: string): string[] {
  if (!expr) return [];
  if (expr.kind === 'tuple') return expr.items.flatMap((i) => availabilityZoneRefs(i, text));
  const ref = zoneRef(expr, text, 0);
  return ref === undefined || PER_INSTANCE.test(ref) ? [] : [ref];
}

function zoneRef(expr: TfExpr, text: string, depth: number): string | undefined {
  if (depth > 4) return undefined;
  switch (expr.kind) {
    case 'reference': {
      const [head, second] = expr.path;
      const choice = head === 'var' || head === 'local' || (head === 'data' && second === 'aws_availability_zones');
      return choice ? compactReference(expr.text) : undefined;
    }
    case 'call': {
      const [list, index] = expr.args;
      if (expr.name !== 'element' || expr.args.length !== 2 || index.kind !== 'number' || !Number.isInteger(index.value)) return undefined;
      const listRef = zoneRef(list, text, depth + 1);
      return listRef === undefined ? undefined : `${listRef}[${index.value}]`;
    }
    case 'template':
      // `"${var.region}a"`: a zone spelled from a variable.
      return expr.parts.length > 0 && expr.parts.every((p) => zoneRef(p, text, depth + 1) !== undefined) ? expr.raw.trim() : undefined;
    default:
      return undefined;
  }
}

/** `data.aws_availability_zones.available.names[ 0 ]` → `…names[0]` (whitespace dropped unless a quoted key holds some). */
function compactReference(reference: string): string {
  return /["']/.test(reference) ? reference.trim() : reference.replace(/\s+/g, '');
}

function subnetTexts(expr: TfExpr | undefined, text: string): string[] {
  if (!expr) return [];
  if (expr.kind === 'tuple') return expr.items.map((i) => exprText(i, text));
  return [exprText(expr, text)];
}

export function analyseResource(type: string, name: string, body: TfBody, text: string): ResourceAnalysis {
  const attributes: ResourceAttributes = {};
  const facts: ResourceFacts = resourceIdentity(type, name);
  const links: LinkFact[] = [];
  const value = (n: string) => valueOf(body, n);
  const block = (n: string) => blocksOf(body, n);

  // Generic facts, whatever the type.
  const names = PHYSICAL_NAME_ATTRIBUTES.map((a) => stringValue(value(a))).filter((s): s is string => !!s && !s.includes('${'));
  if (names.length) attributes.physicalNames = [...new Set(names)];
  const azs = AZ_ATTRIBUTES.flatMap((a) => stringItems(value(a))).filter(isAvailabilityZone);
  if (azs.length) attributes.availabilityZones = [...new Set(azs)];
  const subnets = [
    ...SUBNET_ATTRIBUTES.flatMap((a) => subnetTexts(value(a), text)),
    ...SUBNET_BLOCKS.flatMap((b) => block(b).flatMap((nested) => SUBNET_ATTRIBUTES.flatMap((a) => subnetTexts(valueOf(nested, a), text)))),
  ];
  if (subnets.length) {
    attributes.subnets = subnets;
    attributes.subnetForms = subnets.map(subnetForm);
  }
  const zoneRefs = AZ_ATTRIBUTES.flatMap((a) => availabilityZoneRefs(value(a), text));
  if (zoneRefs.length) attributes.availabilityZoneRefs = [...new Set(zoneRefs)];
  // Keys named by any resource; the table states `[]` for the kinds that can name one and name none.
  const kmsKeys = kmsKeysOf(body, text);
  if (kmsKeys.length || NAMES_KMS_KEY_WITHOUT_KIND.has(type)) attributes.kmsKeys = kmsKeys;

  // The facts the table states for this kind (src/core/resources/facts.ts), then the rest by hand.
  applyFactTable(facts.kind, {
    format: 'terraform',
    bool: (path) => boolValue(valueAtPath(body, path)),
    // `null` is how Terraform leaves an argument unset.
    present: (path) => {
      const expr = valueAtPath(body, path);
      return expr === undefined ? undefined : expr.kind !== 'null';
    },
    literal: (path) => {
      const expr = valueAtPath(body, path);
      return expr === undefined ? undefined : stringValue(expr) ?? null;
    },
    text: (path, first) => (first ? stringsAtPath(body, path)[0] : stringValue(valueAtPath(body, path))),
    kmsKeys: () => kmsKeys,
    readers: {
      // Provider v3 inline replication: replication_configuration { rules { destination { bucket } } }.
      natGatewayCount: () => {
        const count = value('count');
        return count ? numberValue(count) : value('for_each') ? undefined : 1;
      },
      fsxMultiAz: () => {
        const mode = FSX_WITH_DEPLOYMENT_TYPE.has(type) ? stringValue(value('deployment_type')) : undefined;
        return mode ? mode.startsWith('MULTI_AZ') : undefined;
      },
      copyTargets: () => block('rule').flatMap((r) => blocksOf(r, 'copy_action')).map((c, slot) => {
        const vault = valueOf(c, 'destination_vault_arn');
        const target = resourceAddressOf(vault);
        if (target) links.push({ role: 'copy-to', target, slot });
        return regionOfValue(vault);
      }),
      eventSources: () => {
        const pattern = value('event_pattern');
        const sources = pattern ? eventSources(pattern) : [];
        return sources.length ? sources : undefined;
      },
      originDomains: () => {
        const origins = block('origin').flatMap((o) => {
          const domain = valueOf(o, 'domain_name');
          return domain && domain.kind !== 'null' ? [writtenText(domain, text)] : [];
        });
        return origins.length ? origins : undefined;
      },
      // A group fails over only to another member: one `member` block (or none) is no failover at all.
      originFailover: () => block('origin_group').some((g) => blocksOf(g, 'failover_criteria').length > 0 && blocksOf(g, 'member').length >= 2),
      replicationRegions: () => {
        const destinations = inlineReplicationDestinations(body);
        return destinations.length ? destinations.map((d, slot) => destinationRegion(valueOf(d, 'bucket'), slot, links)) : undefined;
      },
      replicationDestinations: () => writtenDestinations(inlineReplicationDestinations(body), text),
      oneZoneStorage: () => (hasOneZoneTransition(block('lifecycle_rule')) ? true : undefined),
    },
    regions: (list, field) => list.split('.').reduce<TfBody[]>((at, name) => at.flatMap((b) => blocksOf(b, name)), [body]).map((r) => regionOfValue(valueOf(r, field))),
  }, facts, attributes);

  switch (type) {
    case 'aws_dynamodb_table_replica': {
      const table = value('global_table_arn');
      if (table) attributes.replicaOf = [exprText(table, text)];
      const target = resourceAddressOf(table);
      if (target) links.push({ role: 'replica-of', target });
      const pitr = boolValue(value('point_in_time_recovery'));
      if (pitr !== undefined) attributes.pointInTimeRecovery = pitr;
      break;
    }
    case 'aws_dynamodb_global_table': {
      // The 2017 version of global tables: replicas are listed, the tables are declared separately.
      attributes.legacyGlobalTable = true;
      facts.replicaRegions = block('replica').map((r) => regionOfValue(valueOf(r, 'region_name')));
      break;
    }
    case 'aws_s3_bucket_replication_configuration': {
      const bucket = value('bucket');
      const source = resourceAddressOf(bucket);
      const destinations = block('rule').filter(enabledRule).flatMap((r) => blocksOf(r, 'destination'));
      facts.replicaRegions = destinations.map((d, slot) => destinationRegion(valueOf(d, 'bucket'), slot, links));
      const written = writtenDestinations(destinations, text);
      if (written) attributes.replicationDestinations = written;
      // The bucket it replicates, so that rules find the configuration from the bucket (and the bucket's destinations from it).
      if (bucket && bucket.kind !== 'null') attributes.replicaOf = [writtenText(bucket, text)];
      if (source) links.push({ role: 'replication-source', target: source });
      break;
    }
    case 'aws_s3_bucket_server_side_encryption_configuration': {
      // The keys it names encrypt the bucket's objects: the pass adds them to the bucket's `kmsKeys`.
      const target = resourceAddressOf(value('bucket'));
      if (target) links.push({ role: 'encryption-of', target });
      break;
    }
    case 'aws_kms_alias': {
      // References to the alias name the key: the pass resolves them.
      const target = resourceAddressOf(value('target_key_id'));
      if (target) links.push({ role: 'alias-of', target });
      break;
    }
    case 'aws_s3_bucket_lifecycle_configuration':
      if (hasOneZoneTransition(block('rule'))) attributes.singleAzStorage = true;
      break;
    case 'aws_s3_object':
      if (stringValue(value('storage_class')) === 'ONEZONE_IA') attributes.singleAzStorage = true;
      break;
    case 'aws_efs_file_system': {
      const az = stringValue(value('availability_zone_name'));
      if (value('availability_zone_name')) attributes.singleAzStorage = true;
      if (az && isAvailabilityZone(az)) attributes.availabilityZones = [az];
      break;
    }
    case 'aws_db_instance': {
      // Multi-AZ and cluster membership (an Aurora engine) are read by the table.
      const source = value('replicate_source_db');
      if (source) {
        attributes.replicaSource = exprText(source, text);
        const target = resourceAddressOf(source);
        if (target) links.push({ role: 'replica-of', target });
      }
      break;
    }
    case 'aws_rds_cluster':
    case 'aws_docdb_cluster':
    case 'aws_neptune_cluster': {
      // `aws_rds_cluster`'s global cluster is read by the table; the others have no kind yet.
      if (type !== 'aws_rds_cluster') {
        const global = value('global_cluster_identifier');
        attributes.globalCluster = global ? (global.kind === 'null' ? false : true) : false;
      }
      const source = value('replication_source_identifier');
      if (source) {
        attributes.replicaSource = exprText(source, text);
        const target = resourceAddressOf(source);
        if (target) links.push({ role: 'replica-of', target });
      }
      break;
    }
    case 'aws_rds_cluster_instance':
    case 'aws_docdb_cluster_instance':
    case 'aws_neptune_cluster_instance':
      attributes.inCluster = true;
      break;
    case 'aws_db_instance_automated_backups_replication': {
      const source = value('source_db_instance_arn');
      if (source) attributes.replicaOf = [exprText(source, text)];
      const target = resourceAddressOf(source);
      if (target) links.push({ role: 'backup-replication-of', target });
      break;
    }
    case 'aws_kms_replica_key':
    case 'aws_kms_replica_external_key': {
      attributes.multiRegion = true;
      const primary = value('primary_key_arn');
      if (primary) attributes.replicaOf = [exprText(primary, text)];
      const target = resourceAddressOf(primary);
      if (target) links.push({ role: 'replica-of', target });
      break;
    }
    case 'aws_lb':
    case 'aws_alb': {
      const typeExpr = value('load_balancer_type');
      const lbType = typeExpr ? stringValue(typeExpr) : 'application';
      if (lbType) attributes.loadBalancerType = lbType;
      // Application load balancers always balance across zones; others default to off; an unknown type leaves it unknown unless stated.
      const crossZone = value('enable_cross_zone_load_balancing');
      attributes.crossZone = lbType === 'application' ? true : lbType ? boolOr(crossZone, false) : crossZone ? boolOr(crossZone, false) : null;
      break;
    }
    case 'aws_route53_record':
      route53Record(body, attributes, text);
      break;
    case 'aws_cloudfront_distribution':
      cloudFront(body, attributes, text);
      break;
    case 'aws_apigatewayv2_domain_name':
      attributes.endpointType = 'REGIONAL';
      break;
    case 'aws_lambda_function': {
      const env = block('environment').flatMap((e) => {
        const vars = valueOf(e, 'variables');
        return vars?.kind === 'object' ? vars.entries : [];
      });
      if (env.length) attributes.environment = Object.fromEntries(env.map((e) => [e.key, exprText(e.value, text)]));
      break;
    }
    case 'aws_mq_broker': {
      const mode = stringValue(value('deployment_mode'));
      facts.multiAz = mode === undefined ? (value('deployment_mode') ? null : false) : mode !== 'SINGLE_INSTANCE';
      break;
    }
    default:
      break;
  }
  if (Object.keys(attributes).length) facts.attributes = attributes;
  return { facts, links };
}

/** An S3 replication rule that replicates: `status = "Disabled"` turns it off. */
function enabledRule(rule: TfBody): boolean {
  return !/^disabled$/i.test(stringValue(valueOf(rule, 'status'))?.trim() ?? '');
}

/** The destinations of a bucket's inline (provider v3) replication rules that are enabled. */
function inlineReplicationDestinations(body: TfBody): TfBody[] {
  return blocksOf(body, 'replication_configuration').flatMap((c) => blocksOf(c, 'rules').filter(enabledRule).flatMap((r) => blocksOf(r, 'destination')));
}

/** The destination buckets of S3 replication rules, as written (`aws_s3_bucket.replica.arn`, an ARN), to find them in the workspace; undefined when none is. */
function writtenDestinations(destinations: TfBody[], text: string): string[] | undefined {
  const written = destinations.flatMap((d) => {
    const bucket = valueOf(d, 'bucket');
    return bucket && bucket.kind !== 'null' ? [writtenText(bucket, text)] : [];
  });
  return written.length ? [...new Set(written)] : undefined;
}

/** The region of an S3 replication destination: from its ARN, or left to the pass when it names a bucket of the workspace (by address, or by name in its ARN). */
function destinationRegion(bucket: TfExpr | undefined, slot: number, links: LinkFact[]): string | null {
  const target = resourceAddressOf(bucket);
  const region = regionOfValue(bucket);
  if (target) links.push({ role: 'replicates-to', target, slot });
  else if (region === null) {
    const name = /^arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/.exec(stringValue(bucket)?.trim() ?? '')?.[1];
    if (name) links.push({ role: 'replicates-to-bucket', target: name, slot });
    // S3 ARNs have no region field: as the CloudFormation scanner does, a region in the bucket's
    // name (`orders-replica-us-west-2`) places it, unless the pass finds the bucket declared.
    if (name) return findRegionsInText(name)[0] ?? null;
  }
  return region;
}

function hasOneZoneTransition(rules: TfBody[]): boolean {
  return rules.some((r) => [...blocksOf(r, 'transition'), ...blocksOf(r, 'noncurrent_version_transition')].some((t) => stringValue(valueOf(t, 'storage_class')) === 'ONEZONE_IA'));
}

function route53Record(body: TfBody, attributes: ResourceAttributes, text: string): void {
  const recordType = stringValue(valueOf(body, 'type'));
  if (recordType) attributes.recordType = recordType.trim().toUpperCase();
  const failover = blocksOf(body, 'failover_routing_policy')[0];
  if (failover) {
    attributes.routingPolicy = 'failover';
    const role = stringValue(valueOf(failover, 'type'));
    if (role === 'PRIMARY' || role === 'SECONDARY') attributes.failoverRole = role;
  } else if (blocksOf(body, 'latency_routing_policy').length) attributes.routingPolicy = 'latency';
  else if (blocksOf(body, 'weighted_routing_policy').length) attributes.routingPolicy = 'weighted';
  else if (blocksOf(body, 'geolocation_routing_policy').length) attributes.routingPolicy = 'geolocation';
  else if (blocksOf(body, 'geoproximity_routing_policy').length) attributes.routingPolicy = 'geoproximity';
  else if (blocksOf(body, 'cidr_routing_policy').length) attributes.routingPolicy = 'cidr';
  else if (boolValue(valueOf(body, 'multivalue_answer_routing_policy')) === true) attributes.routingPolicy = 'multivalue';
  else attributes.routingPolicy = 'simple';
  // An alias record that evaluates its target's health fails over like a health-checked record.
  const alias = blocksOf(body, 'alias')[0];
  attributes.healthCheck = valueOf(body, 'health_check_id') !== undefined || (alias !== undefined && boolValue(valueOf(alias, 'evaluate_target_health')) === true);
  // Rules tell a global front door (CloudFront, Global Accelerator) from a regional target by these.
  const target = alias ? valueOf(alias, 'name') : undefined;
  if (target) attributes.aliasTarget = writtenText(target, text);
  // A reference to a resource names its kind, whether or not the module declares it (`aws_cloudfront_distribution.site.domain_name`).
  const address = resourceAddressOf(target);
  const targetKind = address ? canonicalKind(address.slice(0, address.indexOf('.'))) : undefined;
  if (targetKind) attributes.aliasTargetKind = targetKind;
  const zone = alias ? valueOf(alias, 'zone_id') : undefined;
  if (zone) attributes.aliasHostedZoneId = writtenText(zone, text);
}

/** A distribution's certificate and Lambda@Edge, after the table has read its origins. */
function cloudFront(body: TfBody, attributes: ResourceAttributes, text: string): void {
  const cert = blocksOf(body, 'viewer_certificate')[0];
  const arn = cert ? valueOf(cert, 'acm_certificate_arn') : undefined;
  if (arn) {
    attributes.viewerCertificateArn = exprText(arn, text);
    if (certificateInStackRegion(attributes.viewerCertificateArn)) attributes.viewerCertificateInStackRegion = true;
  }
  const behaviours = [...blocksOf(body, 'default_cache_behavior'), ...blocksOf(body, 'ordered_cache_behavior')];
  attributes.lambdaEdge = behaviours.some((b) => blocksOf(b, 'lambda_function_association').length > 0);
}

/** `aws.health` and other `aws.*` sources in an event pattern (jsonencode({...}) or a JSON string). */
function eventSources(expr: TfExpr): string[] {
  const out = new Set<string>();
  const visit = (e: TfExpr) => {
    switch (e.kind) {
      case 'string':
        for (const m of e.value.matchAll(/"?\b(aws\.[a-z0-9-]+)"?/g)) out.add(m[1]);
        break;
      case 'tuple':
        e.items.forEach(visit);
        break;
      case 'object':
        e.entries.forEach((x) => visit(x.value));
        break;
      case 'call':
        e.args.forEach(visit);
        break;
      case 'template':
        for (const m of e.raw.matchAll(/"?\b(aws\.[a-z0-9-]+)"?/g)) out.add(m[1]);
        break;
      default:
        break;
    }
  };
  visit(expr);
  return [...out];
}
