import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

const REGION = 'us-east-1';

// Written during the 2023 migration and never revisited: every client is pinned to us-east-1.
const secrets = new SecretsManagerClient({ region: REGION });
const sts = new STSClient({ region: 'us-east-1', endpoint: 'https://sts.amazonaws.com' });
const ledger = new DynamoDBClient({
  region: REGION,
  endpoint: 'https://dynamodb.us-east-1.amazonaws.com',
});

const PROVIDER_ROLE_ARN = 'arn:aws:iam::123456789012:role/payments-provider-access';
const LEDGER_TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/payments-ledger';

export async function handler(event: { orderId: string; amountCents: number }) {
  const apiKey = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.PAYMENTS_SECRET_ID }));
  const session = await sts.send(new AssumeRoleCommand({ RoleArn: PROVIDER_ROLE_ARN, RoleSessionName: `payment-${event.orderId}` }));
  await ledger.send(
    new UpdateItemCommand({
      TableName: LEDGER_TABLE_ARN,
      Key: { pk: { S: `PAYMENT#${event.orderId}` } },
      UpdateExpression: 'SET amountCents = :a',
      ExpressionAttributeValues: { ':a': { N: String(event.amountCents) } },
    }),
  );
  return { ok: Boolean(apiKey.SecretString && session.Credentials) };
}
