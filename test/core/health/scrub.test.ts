import { strict as assert } from 'node:assert';
import { scrubSecrets } from '../../../src/core/health/scrub';

describe('scrubbing credentials from messages', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';

  it('removes known secret values wherever they appear', () => {
    assert.equal(scrubSecrets(`failed with key ${secret} in it`, [secret]), 'failed with key [redacted] in it');
    assert.equal(scrubSecrets('short', ['abc']), 'short', 'values too short to be keys are left alone');
  });

  it('removes anything shaped like a credential', () => {
    assert.equal(scrubSecrets('aws_secret_access_key = abcdEFGH1234/xyz'), 'aws_secret_access_key = [redacted]');
    assert.equal(scrubSecrets('{"SecretAccessKey":"abcdEFGH1234","SessionToken":"IQoJb3JpZ2luX2VjE"}'), '{"SecretAccessKey":"[redacted]","SessionToken":"[redacted]"}');
    assert.equal(scrubSecrets('AWS_SESSION_TOKEN=FwoGZXIvYXdzEJr'), 'AWS_SESSION_TOKEN=[redacted]');
    assert.equal(scrubSecrets('Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/health/aws4_request, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7'),
      'Credential=[access key id]/20261126/us-east-1/health/aws4_request, Signature=[redacted]');
    assert.equal(scrubSecrets('Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.x'), 'Authorization: Bearer [redacted]');
    assert.equal(scrubSecrets('X-Amz-Security-Token=IQoJb3JpZ2luX2VjE&X-Amz-Date=1'), 'X-Amz-Security-Token=[redacted]&X-Amz-Date=1');
  });

  it('leaves ordinary messages as they are', () => {
    const message = 'connect ECONNREFUSED 127.0.0.1:4567 (health.us-east-1.amazonaws.com)';
    assert.equal(scrubSecrets(message, [secret]), message);
  });
});
