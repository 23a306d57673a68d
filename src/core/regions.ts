/**
 * AWS region names: validation, extraction from text, and the partition facts the rules need.
 * A placeholder (`"REGION"`, `"${Region}"`) is never a region.
 */

/** The prefixes the dependency-map schema accepts, longest first so `us-gov` wins over `us`. */
const REGION_PATTERN = /^(?:us-gov|us-isob|us-isof|us-iso|eu-isoe|eusc|us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:[a-z]+)-\d{1,2}$/;

/** Direction words that real region names use (`us-east-1`, `ap-southeast-2`, `eu-central-1`). */
const DIRECTIONS = new Set([
  'east', 'west', 'north', 'south', 'central', 'northeast', 'northwest', 'southeast', 'southwest',
  'gov', 'iso', 'isob', 'de',
]);

/**
 * Strings already judged (the same names and placeholders recur across every file and rule):
 * a lookup instead of the pattern. Bounded, so adversarial input cannot grow it without end.
 */
const JUDGED = new Map<string, boolean>();
const JUDGED_LIMIT = 4096;

export function isRegion(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // Every name the pattern and the direction words allow is 7 to 20 characters with a hyphen after a two-letter prefix (`eusc` is the
  // only longer one): most strings the scanners and rules ask about fail here, without a pattern.
  if (value.length < 7 || value.length > 20 || (value.charCodeAt(2) !== 45 && !value.startsWith('eusc-'))) return false;
  const known = JUDGED.get(value);
  if (known !== undefined) return known;
  let verdict = false;
  if (REGION_PATTERN.test(value)) {
    const parts = value.split('-');
    verdict = DIRECTIONS.has(parts[parts.length - 2]);
  }
  if (JUDGED.size >= JUDGED_LIMIT) JUDGED.clear();
  JUDGED.set(value, verdict);
  return verdict;
}

/** `us-east-1a` → `us-east-1`; anything that is not an AZ name → null. */
export function regionOfAvailabilityZone(az: string): string | null {
  const m = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})([a-z])$/.exec(az);
  return m && isRegion(m[1]) ? m[1] : null;
}

export function isAvailabilityZone(value: string): boolean {
  return regionOfAvailabilityZone(value) !== null;
}

/** Region names inside free text, e.g. a hostname or an ARN; word-bounded. */
export function findRegionsInText(text: string): string[] {
  // A region name holds a hyphen followed (later) by a digit: most texts (trace reasons, names,
  // hosts without a region) have neither and need no pattern pass.
  const hyphen = text.indexOf('-');
  if (hyphen < 0 || !/\d/.test(text.slice(hyphen))) return [];
  // The rules ask about the same trace reasons and ARNs for many dependencies: found once.
  const known = FOUND.get(text);
  if (known) return known.slice();
  const out: string[] = [];
  const re = /\b(?:us-gov|us-iso[bf]?|eu-isoe|eusc|us|eu|ap|sa|ca|me|af|il|mx|cn)-[a-z]+-\d{1,2}\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (isRegion(m[0])) out.push(m[0]);
  if (text.length <= 512) {
    if (FOUND.size >= JUDGED_LIMIT) FOUND.clear();
    FOUND.set(text, out.slice());
  }
  return out;
}

const FOUND = new Map<string, string[]>();

/**
 * Commercial regions with their location (latitude, longitude) for the report's map, and a
 * readable city name. Source: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 * (locations are the public metro areas the regions are named after).
 */
export const REGION_LOCATIONS: Record<string, { name: string; lat: number; lon: number }> = {
  'us-east-1': { name: 'N. Virginia', lat: 38.9, lon: -77.4 },
  'us-east-2': { name: 'Ohio', lat: 40.0, lon: -83.0 },
  'us-west-1': { name: 'N. California', lat: 37.4, lon: -121.9 },
  'us-west-2': { name: 'Oregon', lat: 45.8, lon: -119.7 },
  'ca-central-1': { name: 'Canada (Central)', lat: 45.5, lon: -73.6 },
  'ca-west-1': { name: 'Calgary', lat: 51.0, lon: -114.1 },
  'mx-central-1': { name: 'Mexico (Central)', lat: 20.6, lon: -100.4 },
  'sa-east-1': { name: 'São Paulo', lat: -23.5, lon: -46.6 },
  'eu-west-1': { name: 'Ireland', lat: 53.3, lon: -6.3 },
  'eu-west-2': { name: 'London', lat: 51.5, lon: -0.1 },
  'eu-west-3': { name: 'Paris', lat: 48.9, lon: 2.35 },
  'eu-central-1': { name: 'Frankfurt', lat: 50.1, lon: 8.7 },
  'eu-central-2': { name: 'Zurich', lat: 47.4, lon: 8.5 },
  'eu-north-1': { name: 'Stockholm', lat: 59.3, lon: 18.1 },
  'eu-south-1': { name: 'Milan', lat: 45.5, lon: 9.2 },
  'eu-south-2': { name: 'Spain', lat: 41.6, lon: -0.9 },
  'il-central-1': { name: 'Tel Aviv', lat: 32.1, lon: 34.8 },
  'me-south-1': { name: 'Bahrain', lat: 26.1, lon: 50.6 },
  'me-central-1': { name: 'UAE', lat: 24.5, lon: 54.4 },
  'af-south-1': { name: 'Cape Town', lat: -33.9, lon: 18.4 },
  'ap-east-1': { name: 'Hong Kong', lat: 22.3, lon: 114.2 },
  'ap-east-2': { name: 'Taipei', lat: 25.0, lon: 121.5 },
  'ap-south-1': { name: 'Mumbai', lat: 19.1, lon: 72.9 },
  'ap-south-2': { name: 'Hyderabad', lat: 17.4, lon: 78.5 },
  'ap-northeast-1': { name: 'Tokyo', lat: 35.7, lon: 139.7 },
  'ap-northeast-2': { name: 'Seoul', lat: 37.6, lon: 127.0 },
  'ap-northeast-3': { name: 'Osaka', lat: 34.7, lon: 135.5 },
  'ap-southeast-1': { name: 'Singapore', lat: 1.35, lon: 103.8 },
  'ap-southeast-2': { name: 'Sydney', lat: -33.9, lon: 151.2 },
  'ap-southeast-3': { name: 'Jakarta', lat: -6.2, lon: 106.8 },
  'ap-southeast-4': { name: 'Melbourne', lat: -37.8, lon: 145.0 },
  'ap-southeast-5': { name: 'Malaysia', lat: 3.1, lon: 101.7 },
  'ap-southeast-7': { name: 'Thailand', lat: 13.8, lon: 100.5 },
  'cn-north-1': { name: 'Beijing', lat: 39.9, lon: 116.4 },
  'cn-northwest-1': { name: 'Ningxia', lat: 37.2, lon: 106.2 },
  'us-gov-west-1': { name: 'GovCloud (US-West)', lat: 45.6, lon: -121.2 },
  'us-gov-east-1': { name: 'GovCloud (US-East)', lat: 40.0, lon: -83.0 },
};
