/** Rules for application code, config, CI and the findings themselves (RULES.md sections A, B, F). */
import { rule as arcControlPlaneInFailover } from './arc-control-plane-in-failover';
import { rule as arnLiteralRegion } from './arn-literal-region';
import { rule as ciSingleRegionDeploy } from './ci-single-region-deploy';
import { rule as controlPlaneInFailoverPath } from './control-plane-in-failover-path';
import { rule as envRegionPin } from './env-region-pin';
import { rule as globalControlPlaneClient } from './global-control-plane-client';
import { rule as globalacceleratorControlPlane } from './globalaccelerator-control-plane';
import { rule as hardcodedRegionalEndpoint } from './hardcoded-regional-endpoint';
import { rule as healthApiPinned } from './health-api-pinned';
import { rule as parseProblem } from './parse-problem';
import { rule as s3BucketConfigAtRuntime } from './s3-bucket-config-at-runtime';
import { rule as s3LegacyGlobalEndpoint } from './s3-legacy-global-endpoint';
import { rule as sdkLiteralRegion } from './sdk-literal-region';
import { rule as sdkRegionFallbackLiteral } from './sdk-region-fallback-literal';
import { rule as serverlessDefaultRegion } from './serverless-default-region';
import { rule as singleRegionWorkspace } from './single-region-workspace';
import { rule as ssoSingleRegion } from './sso-single-region';
import { rule as stsGlobalEndpoint } from './sts-global-endpoint';
import { rule as suppressionWithoutReason } from './suppression-without-reason';
import { rule as terraformProviderSingleRegion } from './terraform-provider-single-region';
import { rule as terraformStateSingleRegion } from './terraform-state-single-region';
import type { Rule } from './types';
import { rule as unusedSuppression } from './unused-suppression';

/** In RULES.md order: A (application code), B (config, environment and CI), F (about the findings). */
export const APP_RULES: readonly Rule[] = [
  // A. Application code
  sdkLiteralRegion,
  sdkRegionFallbackLiteral,
  hardcodedRegionalEndpoint,
  stsGlobalEndpoint,
  s3LegacyGlobalEndpoint,
  arnLiteralRegion,
  globalControlPlaneClient,
  controlPlaneInFailoverPath,
  s3BucketConfigAtRuntime,
  healthApiPinned,
  globalacceleratorControlPlane,
  arcControlPlaneInFailover,
  // B. Config, environment and CI
  envRegionPin,
  ssoSingleRegion,
  ciSingleRegionDeploy,
  serverlessDefaultRegion,
  terraformProviderSingleRegion,
  terraformStateSingleRegion,
  singleRegionWorkspace,
  // F. About the findings themselves
  suppressionWithoutReason,
  unusedSuppression,
  parseProblem,
];
