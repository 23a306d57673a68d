/**
 * What a certificate ARN says about the certificate's region, decided where the declaration is read
 * (the extractors) so that rules judge a fact instead of matching the ARN's text.
 */

/** `arn:aws:acm:${AWS::Region}:…`: CloudFormation puts the stack's own region there at deploy time. */
const STACK_REGION_CERTIFICATE = /^arn:[^:]*:acm:\$\{AWS::Region\}:/;

/** Whether a certificate ARN, as written, names the region of the stack that deploys it. */
export function certificateInStackRegion(arn: string): boolean {
  return STACK_REGION_CERTIFICATE.test(arn.trim());
}
