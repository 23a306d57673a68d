import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { publishOrderEvent } from '../lib/notify';

// The region comes from the Lambda environment: whatever region the stack is deployed to.
const client = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(client);

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const order = JSON.parse(event.body ?? '{}');
  await documents.send(
    new PutCommand({
      TableName: process.env.ORDERS_TABLE,
      Item: { pk: `ORDER#${order.id}`, ...order, createdAt: new Date().toISOString() },
    }),
  );
  await publishOrderEvent({ type: 'OrderCreated', orderId: order.id });
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
}
