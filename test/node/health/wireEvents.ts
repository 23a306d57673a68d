/** The recorded-shape Health API payloads of test/fixtures/health, as the stand-in serves them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScriptedHealthData } from '../../support/healthServer';

const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/health', name), 'utf8')) as Record<string, unknown>;

type WireEvent = ScriptedHealthData['events'][number];

export function recordedHealthData(pageSize?: number): ScriptedHealthData {
  const events = [...(read('describe-events-page-1.json').events as WireEvent[]), ...(read('describe-events-page-2.json').events as WireEvent[])];
  const details = read('describe-event-details.json').successfulSet as Array<{ event: WireEvent; eventDescription: { latestDescription: string } }>;
  return {
    events,
    descriptions: Object.fromEntries(details.map((d) => [d.event.arn, d.eventDescription.latestDescription])),
    entities: read('describe-affected-entities.json').entities as ScriptedHealthData['entities'],
    ...(pageSize ? { pageSize } : {}),
  };
}

export const publicFeed = (): unknown => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/health/public-currentevents.json'), 'utf8'));

export const ARNS = {
  dynamodb: 'arn:aws:health:us-east-1::event/DYNAMODB/AWS_DYNAMODB_OPERATIONAL_ISSUE/AWS_DYNAMODB_OPERATIONAL_ISSUE_7E2B1_5C3A0D96F1E',
  lambda: 'arn:aws:health:eu-west-1::event/LAMBDA/AWS_LAMBDA_OPERATIONAL_ISSUE/AWS_LAMBDA_OPERATIONAL_ISSUE_4F0A2_8D1B7C2E90A',
  ec2: 'arn:aws:health:us-east-1::event/EC2/AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED/AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED_1A2B3_C4D5E6F7A8B',
  iam: 'arn:aws:health:global::event/IAM/AWS_IAM_OPERATIONAL_ISSUE/AWS_IAM_OPERATIONAL_ISSUE_9C8D7_6E5F4A3B2C1',
};
