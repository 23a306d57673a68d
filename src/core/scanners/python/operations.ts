/**
 * boto3 method names → the API operations they call. A client method is the operation's name in
 * snake case (`put_item` → `PutItem`, `list_objects_v2` → `ListObjectsV2`); the S3 transfer
 * helpers and the resource actions whose names differ are listed here. Sources: the boto3
 * documentation of `S3.Client.upload_file`, the S3/DynamoDB/SQS/SNS resource references.
 */

/** `put_item` → `PutItem`. Acronyms written in lower case stay capitalised words (`describe_db_instances` → `DescribeDbInstances`). */
export function operationOfMethod(method: string): string {
  return method
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** Client methods that are not API operations, or that stand for another operation. */
const CLIENT_METHODS: Record<string, string | null> = {
  upload_file: 'PutObject',
  upload_fileobj: 'PutObject',
  download_file: 'GetObject',
  download_fileobj: 'GetObject',
  copy: 'CopyObject',
  can_paginate: null,
  close: null,
  get_waiter: null,
  generate_presigned_post: 'PutObject',
};

/** The operation a client method calls; null when it calls none (`get_waiter`, `close`). */
export function clientOperation(method: string): string | null {
  if (Object.prototype.hasOwnProperty.call(CLIENT_METHODS, method)) return CLIENT_METHODS[method];
  if (method.startsWith('_')) return null;
  return operationOfMethod(method);
}

/** Resource actions whose names are not the operation's (per resource type). */
const RESOURCE_ACTIONS: Record<string, Record<string, string | null>> = {
  Object: { put: 'PutObject', get: 'GetObject', delete: 'DeleteObject', head: 'HeadObject', copy_from: 'CopyObject', upload_file: 'PutObject', download_file: 'GetObject', upload_fileobj: 'PutObject', download_fileobj: 'GetObject', load: 'HeadObject', reload: 'HeadObject' },
  ObjectSummary: { put: 'PutObject', get: 'GetObject', delete: 'DeleteObject', load: 'HeadObject' },
  Bucket: { upload_file: 'PutObject', download_file: 'GetObject', upload_fileobj: 'PutObject', download_fileobj: 'GetObject', create: 'CreateBucket', delete: 'DeleteBucket', load: 'HeadBucket' },
  Table: { load: 'DescribeTable', reload: 'DescribeTable', delete: 'DeleteTable', update: 'UpdateTable' },
  Queue: { receive_messages: 'ReceiveMessage', delete: 'DeleteQueue', purge: 'PurgeQueue', load: 'GetQueueAttributes', reload: 'GetQueueAttributes' },
  Topic: { delete: 'DeleteTopic', load: 'GetTopicAttributes', reload: 'GetTopicAttributes' },
};

/** The operation an action of a resource object (`Table`, `Bucket`, `Object`, `Queue` …) calls. */
export function resourceOperation(resourceType: string, method: string): string | null {
  const table = RESOURCE_ACTIONS[resourceType];
  if (table && Object.prototype.hasOwnProperty.call(table, method)) return table[method];
  if (method === 'get_available_subresources' || method.startsWith('_')) return null;
  return clientOperation(method);
}

/** Resource collections (`bucket.objects.all()`) and the operation that lists them. */
export const COLLECTION_OPERATIONS: Record<string, string> = {
  objects: 'ListObjects',
  object_versions: 'ListObjectVersions',
  multipart_uploads: 'ListMultipartUploads',
  buckets: 'ListBuckets',
  tables: 'ListTables',
  queues: 'ListQueues',
  topics: 'ListTopics',
  subscriptions: 'ListSubscriptions',
  instances: 'DescribeInstances',
  volumes: 'DescribeVolumes',
  dead_letter_source_queues: 'ListDeadLetterSourceQueues',
};

/** The collection methods that list (`all`, `filter` …). */
export const COLLECTION_METHODS = new Set(['all', 'filter', 'limit', 'page_size', 'delete']);

/**
 * Keyword arguments whose value names the resource a call uses: the table, bucket or queue that
 * links the call to a declared resource. In order of preference.
 */
export const RESOURCE_NAME_ARGUMENTS = [
  'TableName', 'Bucket', 'QueueUrl', 'QueueName', 'TopicArn', 'FunctionName', 'StreamName', 'StreamARN', 'StateMachineArn',
  'SecretId', 'DeliveryStreamName', 'EventBusName', 'LogGroupName', 'RepositoryName', 'ClusterName', 'Name',
];

/** Positional arguments of the S3 transfer helpers that name the bucket: `upload_file(Filename, Bucket, Key)`. */
export const POSITIONAL_BUCKET: Record<string, number> = { upload_file: 1, download_file: 0, upload_fileobj: 1, download_fileobj: 0 };
