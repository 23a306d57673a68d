/**
 * The per-file facts the Terraform scanner leaves for the cross-file pass
 * (`src/core/resolve/terraform.ts`): providers, variables, locals, `.tfvars` assignments, module
 * calls and the resources whose region or replication depends on other declarations. Plain JSON:
 * scan results are cached and cross worker threads.
 */

/** An expression as far as region resolution cares. */
export type ValueFact =
  | { kind: 'string'; value: string }
  /** `var.region` → ['var', 'region'] */
  | { kind: 'reference'; path: string[]; text: string }
  /** `cond ? a : b`, `lookup(map, key, default)`, `coalesce(a, b)`: any of the options may apply */
  | { kind: 'conditional'; text: string; options: ValueFact[] }
  /** a map or list literal (`{ prod = "us-east-1", dev = "eu-west-1" }`): indexing it gives one of its items; `keys` are a map's */
  | { kind: 'collection'; text: string; items: ValueFact[]; keys?: string[] }
  /** `null`: the argument is unset (a `region = null` falls back to the provider's or the environment's) */
  | { kind: 'null' }
  | { kind: 'other'; text: string };

export interface Located {
  line: number;
  column: number;
}

export interface ProviderFact extends Located {
  /** '' for the default `aws` provider */
  alias: string;
  /** the `region` argument; absent when the block has none (the region then comes from the environment) */
  region?: ValueFact;
  /** id of the provider's region-config dependency */
  configId: string;
  /**
   * A proxy configuration block (`provider "aws" { alias = "dr" }` and nothing else): in a called
   * module it declares that the callers pass `aws.dr` (`providers = { aws.dr = … }`), the style
   * before `configuration_aliases`; it configures nothing itself.
   */
  proxy?: boolean;
}

export interface VariableFact extends Located {
  name: string;
  default?: ValueFact;
  /** `default = null`: unset unless given, and an unset `region` argument means "the provider's region" */
  nullDefault?: boolean;
}

export interface NamedValueFact extends Located {
  name: string;
  value: ValueFact;
}

export interface ModuleCallFact extends Located {
  name: string;
  source: string;
  /** the module's folder, workspace-relative, when the source is a local path (`./modules/x`) */
  folder?: string;
  /** `providers = { aws = aws.west }` → { aws: 'aws.west' }; keys may be `aws.<alias>` */
  providers: Record<string, string>;
  /** the module's input variables as written in the call */
  arguments: Record<string, ValueFact>;
}

/**
 * How a resource's facts depend on another resource of the same module:
 * - `replica-of`: this resource is a replica of the target (aws_dynamodb_table_replica, aws_kms_replica_key,
 *   an RDS read replica): the target gains this resource's region as a replica region;
 * - `replicates-to`: this resource copies data to the target (S3 replication destination): the
 *   target's region fills `replicaRegions[slot]`;
 * - `replicates-to-bucket`: the same, for a destination written as an ARN: `target` is the bucket
 *   name, matched against the `aws_s3_bucket`s of the whole workspace (bucket names are global);
 * - `replication-source`: the bucket whose replication this resource configures: it gains this
 *   resource's replica regions;
 * - `copy-to`: an AWS Backup copy action to the target vault: fills `attributes.crossRegionCopyTargets[slot]`;
 * - `backup-replication-of`: automated backups of the target RDS instance are replicated to this
 *   resource's region;
 * - `encryption-of`: an `aws_s3_bucket_server_side_encryption_configuration` of the target bucket:
 *   the bucket gains this resource's `kmsKeys`;
 * - `alias-of`: an `aws_kms_alias` of the target key: resources whose `kmsKeys` name the alias also
 *   name the key.
 */
export interface LinkFact {
  role: 'replica-of' | 'replicates-to' | 'replicates-to-bucket' | 'replication-source' | 'copy-to' | 'backup-replication-of' | 'encryption-of' | 'alias-of';
  /** `aws_s3_bucket.replica` (a bucket name for `replicates-to-bucket`) */
  target: string;
  slot?: number;
}

export interface ResourceFact {
  /** the iac-resource dependency */
  id: string;
  /** `aws_dynamodb_table.orders` */
  address: string;
  /** the provider v6 per-resource `region` argument when it is not a literal */
  region?: ValueFact;
  links: LinkFact[];
  /** aws_lambda_function: where its code comes from (`filename = data.archive_file.x.output_path`, or a path) */
  code?: { archive?: string; path?: string };
  /** aws_lambda_function: environment variables set to an attribute of a resource of the module (`TABLE = aws_dynamodb_table.orders.name`) */
  environmentResources?: Record<string, string>;
}

/** `data "archive_file" "x" { source_dir = … }`: the folder or file a Lambda package is built from. */
export interface ArchiveFact extends Located {
  name: string;
  /** the `source_dir` or `source_file` as written (`${path.module}/../src/worker`) */
  source: string;
}

export interface TerraformFileFacts {
  /** the module folder: the file's directory ('' = the workspace root) */
  folder: string;
  role: 'config' | 'tfvars';
  /** tfvars: loaded by Terraform without `-var-file` (terraform.tfvars, *.auto.tfvars, and their .json) */
  autoLoaded?: boolean;
  providers: ProviderFact[];
  variables: VariableFact[];
  locals: NamedValueFact[];
  /** tfvars: `name = value` */
  assignments: NamedValueFact[];
  modules: ModuleCallFact[];
  resources: ResourceFact[];
  archives: ArchiveFact[];
}
