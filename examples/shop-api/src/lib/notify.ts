import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';

// Falls back to us-east-1 when AWS_REGION is unset (local runs, scripts).
const sns = new SNSClient({ region: process.env.AWS_REGION ?? 'us-east-1' });

export async function publishOrderEvent(event: { type: string; orderId: string }): Promise<void> {
  await sns.send(new PublishCommand({ TopicArn: process.env.ORDER_EVENTS_TOPIC_ARN, Message: JSON.stringify(event) }));
}
