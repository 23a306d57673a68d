/**
 * Terraform AWS resource types → service ids. The provider names most types `aws_<service>_<thing>`
 * where `<service>` is the SDK's package name (`aws_dynamodb_table`, `aws_secretsmanager_secret`,
 * `aws_apigatewayv2_api`, `aws_service_discovery_…`), so the type's leading words are matched,
 * longest first, against every name the catalogue knows a service by (boto3 names, SDK v2 class
 * names, CloudFormation namespaces, endpoint prefixes), ignoring case, `-` and `_`. The exceptions
 * are the types named after a resource rather than a service (`aws_instance`, `aws_lb`, `aws_db_*`)
 * and the few prefixes that name another service than the catalogue word (`aws_cloudwatch_log_*`).
 */
import catalogue from '../../catalogue/services.generated.json';

/**
 * Prefixes (underscore-joined words after `aws_`) that the catalogue cannot decide. Sources: the
 * Terraform AWS provider's resource index (registry.terraform.io/providers/hashicorp/aws/latest/docs),
 * where each of these types is documented under the service named here.
 */
const EXCEPTIONS: Record<string, string> = {
  // EC2 (VPC, instances, networking) — types named after the resource.
  instance: 'ec2', vpc: 'ec2', subnet: 'ec2', nat: 'ec2', eip: 'ec2', security: 'ec2', network_acl: 'ec2', network_interface: 'ec2',
  internet: 'ec2', egress: 'ec2', customer: 'ec2', vpn: 'ec2', route: 'ec2', route_table: 'ec2', main: 'ec2', flow: 'ec2',
  volume: 'ec2', ebs: 'ec2', snapshot: 'ec2', spot: 'ec2', placement: 'ec2', launch_template: 'ec2', key: 'ec2', ami: 'ec2',
  default: 'ec2', verifiedaccess: 'ec2', prefix: 'ec2', dhcp: 'ec2', vpc_lattice: 'vpc-lattice', vpclattice: 'vpc-lattice',
  // Auto Scaling: launch configurations belong to it; Application Auto Scaling is its own service.
  launch_configuration: 'autoscaling', appautoscaling: 'application-autoscaling',
  // Elastic Load Balancing (classic and v2).
  lb: 'elasticloadbalancing', alb: 'elasticloadbalancing', elb: 'elasticloadbalancing', load_balancer: 'elasticloadbalancing',
  proxy_protocol: 'elasticloadbalancing', app_cookie: 'elasticloadbalancing', lb_cookie: 'elasticloadbalancing',
  // RDS
  db: 'rds', rds: 'rds',
  // CloudWatch families that are separate services.
  cloudwatch_log: 'logs', cloudwatch_query: 'logs', cloudwatch_event: 'events', cloudwatch: 'monitoring',
  // Cognito: user pools (and their clients, domains, groups, identity providers) vs identity pools.
  cognito: 'cognito-idp', cognito_identity_pool: 'cognito-identity', cognito_identity_provider: 'cognito-idp',
  // Short or product names.
  sfn: 'states', msk: 'kafka', mskconnect: 'kafkaconnect', dx: 'directconnect', prometheus: 'aps',
  kinesis_firehose: 'firehose', kinesis_analytics: 'kinesisanalytics', serverlessapplicationrepository: 'serverlessrepo',
  // Configuration APIs whose longer names the catalogue gives to a data-plane client.
  cloudsearch: 'cloudsearch', ec2_instance_connect: 'ec2', redshift_data: 'redshift',
  elasticsearch: 'es', opensearch: 'es', s3: 's3', iam: 'iam', efs: 'elasticfilesystem', api_gateway: 'apigateway', apigatewayv2: 'apigateway',
};

type Table = Record<string, string>;
const normalise = (s: string): string => s.toLowerCase().replace(/[-_.\s]/g, '');

/** Every catalogue name, normalised; earlier sources win (boto3 names are the closest to Terraform's). */
const BY_NAME: Map<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (name: string, service: string) => {
    const k = normalise(name);
    if (k && !map.has(k)) map.set(k, service);
  };
  for (const [k, v] of Object.entries(catalogue.boto3 as Table)) add(k, v);
  for (const [k, v] of Object.entries(catalogue.v2Class as Table)) add(k, v);
  for (const [k, v] of Object.entries(catalogue.cfnNamespace as Table)) if (k.startsWith('AWS::')) add(k.slice(5), v);
  for (const [k, v] of Object.entries(catalogue.prefixes as Table)) add(k, v);
  for (const k of Object.keys(catalogue.services as Record<string, unknown>)) add(k, k);
  return map;
})();

const cache = new Map<string, string | undefined>();

/** `aws_dynamodb_table` → `dynamodb`; undefined for types that are not AWS resources or not known. */
export function serviceOfTerraformType(type: string): string | undefined {
  if (cache.has(type)) return cache.get(type);
  let result: string | undefined;
  const m = /^aws_([a-z0-9_]+)$/.exec(type);
  if (m) {
    const words = m[1].split('_').filter(Boolean);
    // Exceptions first (longest first), so that `aws_cloudsearch_domain` is not read as the
    // `cloudsearchdomain` data-plane client; then the catalogue, longest first.
    for (let n = words.length; n >= 1 && !result; n--) {
      const key = words.slice(0, n).join('_');
      if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, key)) result = EXCEPTIONS[key];
    }
    for (let n = words.length; n >= 1 && !result; n--) result = BY_NAME.get(words.slice(0, n).join(''));
  }
  cache.set(type, result);
  return result;
}
