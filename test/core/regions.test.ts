import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findRegionsInText, isRegion, REGION_LOCATIONS } from '../../src/core/regions';

/** The definition the fast paths must agree with: the pattern and the direction word, nothing else. */
function isRegionByPattern(value: string): boolean {
  if (!/^(?:us-gov|us-isob|us-isof|us-iso|eu-isoe|eusc|us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:[a-z]+)-\d{1,2}$/.test(value)) return false;
  const parts = value.split('-');
  return ['east', 'west', 'north', 'south', 'central', 'northeast', 'northwest', 'southeast', 'southwest', 'gov', 'iso', 'isob', 'de'].includes(parts[parts.length - 2]);
}

function findByPattern(text: string): string[] {
  const re = /\b(?:us-gov|us-iso[bf]?|eu-isoe|eusc|us|eu|ap|sa|ca|me|af|il|mx|cn)-[a-z]+-\d{1,2}\b/g;
  return [...text.matchAll(re)].map((m) => m[0]).filter(isRegionByPattern);
}

describe('region names', () => {
  it('accepts every named region, the partitions and the sovereign cloud, and rejects near misses', () => {
    for (const region of Object.keys(REGION_LOCATIONS)) assert.equal(isRegion(region), true, region);
    for (const region of ['us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'us-isof-south-1', 'eu-isoe-west-1', 'ap-southeast-7', 'ap-northeast-3']) assert.equal(isRegion(region), true, region);
    // Asked twice: the second answer comes from the lookup and must be the same.
    for (const region of ['us-east-1', 'us-east-1']) assert.equal(isRegion(region), true);
    for (const value of ['us-east', 'us-east-1a', 'US-EAST-1', 'us-middle-1', 'xx-east-1', 'us-east-123', '${Region}', 'REGION', 'us_east_1', ' us-east-1', 'eusc-east', 'us-northwesterly-1', 42, null]) {
      assert.equal(isRegion(value), false, String(value));
      assert.equal(isRegion(value), false, `${String(value)} (second time)`);
    }
  });

  it('agrees with the plain pattern on generated strings (the length, prefix and lookup shortcuts change no answer)', () => {
    const part = fc.constantFrom('us', 'eu', 'ap', 'eusc', 'us-gov', 'us-iso', 'us-isob', 'xx', 'east', 'west', 'southeast', 'northwesterly', 'de', 'gov', '1', '12', '123', 'a', '', '${Region}', 'arn:aws:s3:::b', ' ');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), fc.constantFrom('-', '', '.', ' '), (parts, sep) => {
        const value = parts.join(sep);
        assert.equal(isRegion(value), isRegionByPattern(value), value);
        assert.deepEqual(findRegionsInText(value), findByPattern(value), value);
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('finds region names inside hosts, ARNs and sentences, and none in text without a hyphen and a digit', () => {
    assert.deepEqual(findRegionsInText('https://sqs.eu-west-1.amazonaws.com/1/q'), ['eu-west-1']);
    assert.deepEqual(findRegionsInText('arn:aws:sns:us-east-1:123456789012:t and arn:aws:sqs:ap-south-2:1:q'), ['us-east-1', 'ap-south-2']);
    assert.deepEqual(findRegionsInText('region from AWS_REGION (set in template.yaml)'), []);
    assert.deepEqual(findRegionsInText('us-east-'), []);
  });
});
