/**
 * Serverless Framework function events and the AWS service each one depends on: an `http` event
 * is an API Gateway REST API, `sqs` a queue, `stream` a DynamoDB or Kinesis stream, and so on.
 * Reference: https://www.serverless.com/framework/docs/providers/aws/events
 */
import { serviceOfResourceType } from '../cloudformation/resourceFacts';
import { getValue, literalString, textOf, type TemplateNode } from '../cloudformation/templateTree';

/** Event type → the CloudFormation type of what it subscribes to (its service comes from the catalogue). */
const EVENT_RESOURCE_TYPES: Record<string, string> = {
  http: 'AWS::ApiGateway::RestApi',
  httpApi: 'AWS::ApiGatewayV2::Api',
  websocket: 'AWS::ApiGatewayV2::Api',
  sqs: 'AWS::SQS::Queue',
  s3: 'AWS::S3::Bucket',
  sns: 'AWS::SNS::Topic',
  schedule: 'AWS::Events::Rule',
  eventBridge: 'AWS::Events::Rule',
  cloudwatchEvent: 'AWS::Events::Rule',
  cloudwatchLog: 'AWS::Logs::SubscriptionFilter',
  cognitoUserPool: 'AWS::Cognito::UserPool',
  alb: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  iot: 'AWS::IoT::TopicRule',
  iotFleetProvisioning: 'AWS::IoT::ProvisioningTemplate',
  msk: 'AWS::MSK::Cluster',
  activemq: 'AWS::AmazonMQ::Broker',
  rabbitmq: 'AWS::AmazonMQ::Broker',
  cloudFront: 'AWS::CloudFront::Distribution',
};

export interface EventDependency {
  service: string;
  /** names the event creates or subscribes to, when written literally (bucket, topic) */
  physicalNames: string[];
  /** EventBridge pattern sources (`aws.health`) */
  eventSources: string[];
}

/**
 * The service an event depends on, or undefined for events that are not an AWS service
 * (`alexaSkill`, self-managed `kafka`) or that the framework does not know.
 */
export function eventDependency(eventType: string, config: TemplateNode | undefined, resolve: (text: string) => string | undefined): EventDependency | undefined {
  let type = EVENT_RESOURCE_TYPES[eventType];
  if (eventType === 'stream') type = streamType(config);
  if (eventType === 'schedule' && literalString(getValue(config, 'method'))?.toLowerCase() === 'scheduler') type = 'AWS::Scheduler::Schedule';
  if (!type) return undefined;
  const physicalNames: string[] = [];
  const name = (node: TemplateNode | undefined): void => {
    const t = literalString(node);
    const v = t === undefined ? undefined : resolve(t);
    if (v && !v.startsWith('arn:') && !v.includes('${')) physicalNames.push(v);
  };
  if (eventType === 's3') name(config?.kind === 'scalar' ? config : getValue(config, 'bucket'));
  if (eventType === 'sns') name(config?.kind === 'scalar' ? config : getValue(config, 'topicName'));
  const eventSources: string[] = [];
  if (eventType === 'eventBridge' || eventType === 'cloudwatchEvent') {
    const source = getValue(getValue(config, eventType === 'eventBridge' ? 'pattern' : 'event'), 'source');
    const items = source?.kind === 'seq' ? source.items : source ? [source] : [];
    for (const s of items) {
      const t = textOf(s);
      if (t) eventSources.push(t);
    }
  }
  return { service: serviceOfResourceType(type), physicalNames, eventSources };
}

/** A `stream` event reads DynamoDB or Kinesis: its `type`, else the ARN's service. */
function streamType(config: TemplateNode | undefined): string {
  const explicit = literalString(getValue(config, 'type'))?.toLowerCase();
  if (explicit === 'kinesis') return 'AWS::Kinesis::Stream';
  if (explicit === 'dynamodb') return 'AWS::DynamoDB::Table';
  const arn = config?.kind === 'scalar' ? textOf(config) : textOf(getValue(config, 'arn'));
  if (arn && /:kinesis:|kinesis/i.test(arn) && !/:dynamodb:/.test(arn)) return 'AWS::Kinesis::Stream';
  return 'AWS::DynamoDB::Table';
}
