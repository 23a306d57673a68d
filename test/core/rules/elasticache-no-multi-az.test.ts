import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/elasticache-no-multi-az';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const group = (extra: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SessionCache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: Session store
      Engine: redis
      CacheNodeType: cache.t4g.small
      NumCacheClusters: 2
${extra}`;

describe('rule elasticache-no-multi-az', () => {
  it('reports a replication group without automatic failover and Multi-AZ, medium', async () => {
    const findings = await scanWith(rule, { 'template.yaml': group('') });
    assert.deepEqual(located(findings), ['template.yaml:3:3 medium']);
    assert.match(findings[0].message, /SessionCache has neither Multi-AZ nor automatic failover/);
  });

  it('accepts automatic failover with Multi-AZ', async () => {
    const on = group('      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': on }), []);
  });

  it('reports a single-AZ cache cluster and accepts Memcached nodes spread across zones', async () => {
    const clusters = `Resources:
  RateLimits:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: redis
      CacheNodeType: cache.t4g.micro
      NumCacheNodes: 1
  Fragments:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: memcached
      CacheNodeType: cache.t4g.micro
      NumCacheNodes: 3
      AZMode: cross-az
`;
    const findings = await scanWith(rule, { 'template.yaml': clusters });
    assert.deepEqual(located(findings), ['template.yaml:2:3 medium']);
    assert.match(findings[0].message, /RateLimits keeps its nodes in one availability zone/);
  });

  it('is not tier-aware', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': group('') }, { tier: 'NonCritical' })), ['template.yaml:3:3 medium']);
  });

  it('reads Terraform replication groups', async () => {
    const tf = (extra: string) => `resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "Session store"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
${extra}}
`;
    assert.deepEqual(located(await scanWith(rule, { 'cache.tf': tf('') })), ['cache.tf:1:1 medium']);
    assert.deepEqual(await scanWith(rule, { 'cache.tf': tf('  automatic_failover_enabled = true\n  multi_az_enabled           = true\n') }), []);
  });

  it('does not judge facts a scanner leaves unknown, nor cache clusters that belong to a group', () => {
    const unknown = resource('aws:elasticache/replicationGroup:ReplicationGroup', 'sessions', { service: 'elasticache', file: 'index.ts' });
    const member = resource('aws_elasticache_cluster', 'member', { service: 'elasticache', facts: { multiAz: false, attributes: { inCluster: true } } });
    const computed = resource('aws_elasticache_replication_group', 'computed', { service: 'elasticache', facts: { multiAz: null, attributes: { automaticFailover: null } } });
    assert.deepEqual(runOn(rule, [unknown, member, computed]), []);
  });
});
