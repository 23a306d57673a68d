import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/search-no-zone-awareness';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const domain = (cluster: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SearchDomain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.13
      ClusterConfig:
        InstanceType: r6g.large.search
        InstanceCount: 2
${cluster}      EBSOptions:
        EBSEnabled: true
        VolumeSize: 100
`;

describe('rule search-no-zone-awareness', () => {
  it('reports an OpenSearch domain without zone awareness, medium', async () => {
    const findings = await scanWith(rule, { 'template.yaml': domain('') });
    assert.deepEqual(located(findings), ['template.yaml:3:3 medium']);
    assert.match(findings[0].message, /SearchDomain has no zone awareness/);
  });

  it('accepts zone awareness, and Multi-AZ with Standby', async () => {
    const aware = domain('        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 2\n');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': aware }), []);
    const standby = domain('        ZoneAwarenessEnabled: false\n        MultiAZWithStandbyEnabled: true\n');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': standby }), []);
  });

  it('reports the older Elasticsearch domain type too, at every tier medium', async () => {
    const es = `Resources:
  LegacySearch:
    Type: AWS::Elasticsearch::Domain
    Properties:
      ElasticsearchVersion: "7.10"
      ElasticsearchClusterConfig:
        InstanceType: m5.large.elasticsearch
        InstanceCount: 1
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': es }, { tier: 'MissionCritical' })), ['template.yaml:2:3 medium']);
  });

  it('reads Terraform cluster_config', async () => {
    const tf = (aware: string) => `resource "aws_opensearch_domain" "search" {
  domain_name    = "shop-search"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type  = "r6g.large.search"
    instance_count = 2${aware}
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'search.tf': tf('') })), ['search.tf:1:1 medium']);
    assert.deepEqual(await scanWith(rule, { 'search.tf': tf('\n    zone_awareness_enabled = true') }), []);
  });

  it('leaves domains unjudged when a scanner does not know', () => {
    const cdk = resource('aws-cdk-lib/aws-opensearchservice.Domain', 'Search', { service: 'es', file: 'lib/stack.ts' });
    const cdkOff = resource('aws-cdk-lib/aws-opensearchservice.Domain', 'Logs', { service: 'es', file: 'lib/stack.ts', facts: { attributes: { zoneAwareness: false } } });
    assert.deepEqual(runOn(rule, [cdk, cdkOff]).map((f) => f.dependencyIds[0]), [cdkOff.id]);
  });
});
