/**
 * acm-cloudfront-certificate-region: the ACM certificate of a CloudFront distribution. CloudFront
 * only accepts certificates from us-east-1: one from any other region fails the deployment (high);
 * one from us-east-1 works, but issuing, importing and renewing it depend on us-east-1 (info).
 *
 * The certificate's region comes from its ARN literal, from `${AWS::Region}` in the ARN (the
 * distribution's own stack region: `viewerCertificateInStackRegion`, set by the extractors), or from the certificate resource the reference names in the
 * workspace (its stack or provider region). Unknown regions are reported at info.
 */
import type { Dependency, RelatedLocation, Severity } from '../model';
import { attributesOf, everyDeployRegion, isCloudFrontDistribution, linkedFrom, nameOf, regionOfArn, relatedAt, stackRegionsOf } from './iacPredicates';
import type { Rule, RuleContext } from './types';

const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

interface CertificatePlace {
  regions: string[];
  how: string;
  related: RelatedLocation[];
}

function certificatePlace(dist: Dependency, arn: string, context: RuleContext): CertificatePlace {
  const related: RelatedLocation[] = [];
  // The ARN literal itself, when the scanner reported it as an arn dependency of the same file.
  const literal = context.dependencies.find((d) => d.kind === 'arn' && d.file === dist.file && d.text === arn);
  if (literal) related.push(relatedAt(literal, 'certificate ARN'));
  const fromArn = regionOfArn(arn);
  if (fromArn) return { regions: [fromArn], how: `its ARN names ${fromArn}`, related };
  if (attributesOf(dist).viewerCertificateInStackRegion === true) {
    return { regions: stackRegionsOf(dist, context), how: 'its ARN uses the stack\'s own region', related };
  }
  const [cert] = linkedFrom(dist, 'uses-certificate', context);
  if (cert) {
    related.push(relatedAt(cert, `certificate ${nameOf(cert)}`));
    const regions = everyDeployRegion(cert);
    return { regions, how: `certificate ${nameOf(cert)} is created ${regions.length ? `in ${regions.join(' or ')}` : 'in its stack\'s region'}`, related };
  }
  return { regions: [], how: 'the workspace does not say which region it is in', related };
}

function check(context: RuleContext): void {
  for (const dist of context.dependencies) {
    if (!isCloudFrontDistribution(dist)) continue;
    const arn = attributesOf(dist).viewerCertificateArn;
    if (typeof arn !== 'string' || arn.trim() === '') continue;
    const place = certificatePlace(dist, arn.trim(), context);
    const wrong = place.regions.filter((r) => r !== CLOUDFRONT_CERTIFICATE_REGION);
    let severity: Severity = 'info';
    let message: string;
    if (wrong.length > 0) {
      severity = 'high';
      message = `CloudFront distribution ${nameOf(dist)} uses an ACM certificate outside us-east-1 (${place.how}): CloudFront only accepts certificates from us-east-1, so the deployment fails. Request or import the certificate in us-east-1 (a separate stack or provider there).`;
    } else if (place.regions.length > 0) {
      message = `CloudFront distribution ${nameOf(dist)} uses an ACM certificate in us-east-1, as CloudFront requires: serving keeps working in an outage, but issuing, importing and renewing the certificate depend on us-east-1. Keep renewals well ahead of expiry.`;
    } else {
      message = `CloudFront distribution ${nameOf(dist)} uses an ACM certificate whose region is unknown (${place.how}): CloudFront requires it in us-east-1, so its issuance and renewal depend on us-east-1, and a certificate from any other region fails the deployment.`;
    }
    context.report({ dependency: dist, severity, message, related: place.related });
  }
}

export const rule: Rule = {
  meta: {
    id: 'acm-cloudfront-certificate-region',
    title: 'CloudFront certificate region (us-east-1 only)',
    description: 'CloudFront takes certificates only from ACM in us-east-1: a certificate from another region fails the deployment, and one in us-east-1 ties issuance and renewal to that region.',
    defaultSeverity: 'high',
    category: 'global',
    scope: 'workspace',
    source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html',
  },
  check,
};
