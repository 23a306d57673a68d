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
import { isAvailabilityZone, isRegion } from '../../regions';
import { analyseStringValue } from '../literals';
import type { LinkFact } from './facts';
import type { TfBody, TfExpr } from './syntax';
import { blocksOf, boolValue, exprText, numberValue, resourceAddressOf, stringItems, stringValue, valueOf } from './syntax';

export interface ResourceAnalysis {
  facts: ResourceFacts;
  links: LinkFact[];
}

/** Attributes that name the resource at run time (table, bucket, queue, function names). */
const PHYSICAL_NAME_ATTRIBUTES = ['name', 'bucket', 'function_name', 'identifier', 'cluster_identifier', 'replication_group_id', 'domain_name', 'queue_name', 'stream_name'];
/** Attributes that hold availability zone names. */
const AZ_ATTRIBUTES = ['availability_zone', 'availability_zones', 'availability_zone_name', 'preferred_availability_zones', 'preferred_cache_cluster_azs'];
/** Attributes that hold subnets, directly or in the nested blocks listed in {@link SUBNET_BLOCKS}. */
const SUBNET_ATTRIBUTES = ['subnet_ids', 'subnets', 'subnet_id', 'vpc_zone_identifier', 'client_subnets'];
const SUBNET_BLOCKS = ['vpc_config', 'network_configuration', 'subnet_mapping', 'vpc_options', 'broker_node_group_info', 'network_interface'];

/** The region written in a value: a region name, or the region field of an ARN; null otherwise. */
function regionOfValue(expr: TfExpr | undefined): string | null {
  const s = stringValue(expr);
  if (s === undefined) return null;
  if (isRegion(s)) return s;
  const arn = analyseStringValue(s).find((f) => f.kind === 'arn');
  return arn?.region ?? null;
}

/** A boolean argument: its literal value, `fallback` (Terraform's default) when absent, null when an expression decides it. */
function boolOr(expr: TfExpr | undefined, fallback: boolean): boolean | null {
  const v = boolValue(expr);
  return v === undefined ? fallback : v;
}

function subnetTexts(expr: TfExpr | undefined, text: string): string[] {
  if (!expr) return [];
  if (expr.kind === 'tuple') return expr.items.map((i) => exprText(i, text));
  return [exprText(expr, text)];
}

export function analyseResource(type: string, name: string, body: TfBody, text: string): ResourceAnalysis {
  const attributes: ResourceAttributes = {};
  const facts: ResourceFacts = { type, name };
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
  if (subnets.length) attributes.subnets = subnets;

  switch (type) {
    case 'aws_dynamodb_table': {
      facts.replicaRegions = block('replica').map((r) => regionOfValue(valueOf(r, 'region_name')));
      const pitr = block('point_in_time_recovery')[0];
      attributes.pointInTimeRecovery = pitr ? boolOr(valueOf(pitr, 'enabled'), false) : false;
      break;
    }
    case 'aws_dynamodb_table_replica': {
      const target = resourceAddressOf(value('global_table_arn'));
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
    case 'aws_s3_bucket': {
      // Provider v3 inline replication: replication_configuration { rules { destination { bucket } } }.
      const destinations = block('replication_configuration').flatMap((c) => blocksOf(c, 'rules').flatMap((r) => blocksOf(r, 'destination')));
      if (destinations.length) facts.replicaRegions = destinations.map((d, slot) => destinationRegion(valueOf(d, 'bucket'), slot, links));
      if (hasOneZoneTransition(block('lifecycle_rule'))) attributes.singleAzStorage = true;
      break;
    }
    case 'aws_s3_bucket_replication_configuration': {
      const source = resourceAddressOf(value('bucket'));
      const destinations = block('rule').flatMap((r) => blocksOf(r, 'destination'));
      facts.replicaRegions = destinations.map((d, slot) => destinationRegion(valueOf(d, 'bucket'), slot, links));
      if (source) links.push({ role: 'replication-source', target: source });
      break;
    }
    case 'aws_s3_bucket_lifecycle_configuration':
      if (hasOneZoneTransition(block('rule'))) attributes.singleAzStorage = true;
      break;
    case 'aws_s3_object':
      if (stringValue(value('storage_class')) === 'ONEZONE_IA') attributes.singleAzStorage = true;
      break;
    case 'aws_s3_directory_bucket':
      // Directory buckets (S3 Express One Zone) keep data in one availability zone.
      attributes.singleAzStorage = true;
      break;
    case 'aws_efs_file_system': {
      const az = stringValue(value('availability_zone_name'));
      if (value('availability_zone_name')) attributes.singleAzStorage = true;
      if (az && isAvailabilityZone(az)) attributes.availabilityZones = [az];
      break;
    }
    case 'aws_db_instance': {
      facts.multiAz = boolOr(value('multi_az'), false);
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
      const global = value('global_cluster_identifier');
      attributes.globalCluster = global ? (global.kind === 'null' ? false : true) : false;
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
    case 'aws_rds_global_cluster':
      attributes.globalCluster = true;
      break;
    case 'aws_db_instance_automated_backups_replication': {
      const target = resourceAddressOf(value('source_db_instance_arn'));
      if (target) links.push({ role: 'backup-replication-of', target });
      break;
    }
    case 'aws_kms_key':
      attributes.multiRegion = boolOr(value('multi_region'), false);
      break;
    case 'aws_kms_replica_key':
    case 'aws_kms_replica_external_key': {
      attributes.multiRegion = true;
      const target = resourceAddressOf(value('primary_key_arn'));
      if (target) links.push({ role: 'replica-of', target });
      break;
    }
    case 'aws_secretsmanager_secret':
      facts.replicaRegions = block('replica').map((r) => regionOfValue(valueOf(r, 'region')));
      break;
    case 'aws_ecr_replication_configuration':
      facts.replicaRegions = block('replication_configuration')
        .flatMap((c) => blocksOf(c, 'rule'))
        .flatMap((r) => blocksOf(r, 'destination'))
        .map((d) => regionOfValue(valueOf(d, 'region')));
      break;
    case 'aws_elasticache_replication_group':
      attributes.automaticFailover = boolOr(value('automatic_failover_enabled'), false);
      facts.multiAz = boolOr(value('multi_az_enabled'), false);
      break;
    case 'aws_elasticache_cluster': {
      const mode = stringValue(value('az_mode'));
      facts.multiAz = mode === undefined ? (value('az_mode') ? null : false) : mode === 'cross-az';
      break;
    }
    case 'aws_opensearch_domain':
    case 'aws_elasticsearch_domain': {
      const cluster = block('cluster_config')[0];
      attributes.zoneAwareness = cluster ? boolOr(valueOf(cluster, 'zone_awareness_enabled'), false) : false;
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
    case 'aws_elb':
      attributes.crossZone = boolOr(value('cross_zone_load_balancing'), true);
      break;
    case 'aws_nat_gateway': {
      // One gateway per declaration unless `count` says otherwise; `for_each` and computed counts stay unknown.
      const count = value('count');
      const n = count ? numberValue(count) : value('for_each') ? undefined : 1;
      if (n !== undefined) attributes.natGateways = n;
      break;
    }
    case 'aws_wafv2_web_acl':
    case 'aws_wafv2_ip_set':
    case 'aws_wafv2_rule_group': {
      const scope = stringValue(value('scope'));
      if (scope) attributes.scope = scope;
      break;
    }
    case 'aws_route53_record':
      route53Record(body, attributes);
      break;
    case 'aws_cloudfront_distribution':
      cloudFront(body, attributes, text);
      break;
    case 'aws_api_gateway_rest_api':
    case 'aws_api_gateway_domain_name': {
      const types = block('endpoint_configuration').flatMap((c) => stringItems(valueOf(c, 'types')));
      if (types.length) attributes.endpointType = types[0];
      break;
    }
    case 'aws_apigatewayv2_domain_name':
      attributes.endpointType = 'REGIONAL';
      break;
    case 'aws_backup_plan': {
      const copies = block('rule').flatMap((r) => blocksOf(r, 'copy_action'));
      attributes.crossRegionCopyTargets = copies.map((c, slot) => {
        const vault = valueOf(c, 'destination_vault_arn');
        const target = resourceAddressOf(vault);
        if (target) links.push({ role: 'copy-to', target, slot });
        return regionOfValue(vault);
      });
      break;
    }
    case 'aws_cloudwatch_event_rule': {
      const pattern = value('event_pattern');
      if (pattern) {
        const sources = eventSources(pattern);
        if (sources.length) attributes.eventSources = sources;
      }
      break;
    }
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
    case 'aws_redshift_cluster':
      facts.multiAz = boolOr(value('multi_az'), false);
      break;
    case 'aws_fsx_windows_file_system':
    case 'aws_fsx_ontap_file_system':
    case 'aws_fsx_openzfs_file_system': {
      const mode = stringValue(value('deployment_type'));
      if (mode) facts.multiAz = mode.startsWith('MULTI_AZ');
      break;
    }
    case 'aws_cognito_user_pool':
      // Terraform has no multi-Region replication setting for user pools.
      attributes.replicated = false;
      break;
    default:
      break;
  }
  if (Object.keys(attributes).length) facts.attributes = attributes;
  return { facts, links };
}

/** The region of an S3 replication destination: from its ARN, or left to the pass when it names a bucket of the workspace. */
function destinationRegion(bucket: TfExpr | undefined, slot: number, links: LinkFact[]): string | null {
  const target = resourceAddressOf(bucket);
  if (target) links.push({ role: 'replicates-to', target, slot });
  return regionOfValue(bucket);
}

function hasOneZoneTransition(rules: TfBody[]): boolean {
  return rules.some((r) => [...blocksOf(r, 'transition'), ...blocksOf(r, 'noncurrent_version_transition')].some((t) => stringValue(valueOf(t, 'storage_class')) === 'ONEZONE_IA'));
}

function route53Record(body: TfBody, attributes: ResourceAttributes): void {
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
}

function cloudFront(body: TfBody, attributes: ResourceAttributes, text: string): void {
  const groups = blocksOf(body, 'origin_group');
  attributes.originFailover = groups.some((g) => blocksOf(g, 'failover_criteria').length > 0);
  const cert = blocksOf(body, 'viewer_certificate')[0];
  const arn = cert ? valueOf(cert, 'acm_certificate_arn') : undefined;
  if (arn) attributes.viewerCertificateArn = exprText(arn, text);
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
