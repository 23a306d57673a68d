import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/arc-control-plane-in-failover';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('arc-control-plane-in-failover', () => {
  describe('over hand-built dependencies', () => {
    const config = 'route53-recovery-control-config';

    it('reports ARC configuration calls in failover code, and the client where no call is seen', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: config, name: 'Route53RecoveryControlConfigClient', file: 'src/failover.ts', line: 4, column: 16, region: 'us-west-2', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-call', service: config, operation: 'DescribeCluster', file: 'src/failover.ts', line: 12, column: 26, container: 'failOver', region: 'us-west-2', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: config, name: 'boto3.client("route53-recovery-control-config")', file: 'ops/dr_switch.py', line: 6, column: 10, region: 'us-west-2', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(located(findings), ['ops/dr_switch.py:6:10 medium', 'src/failover.ts:12:26 medium']);
      assert.match(findings[1].message, /^DescribeCluster on the ARC configuration API in what looks like failover code \(function failOver mentions failover\)/);
      assert.match(findings[0].message, /route53-recovery-cluster \(UpdateRoutingControlState\)/);
    });

    it('leaves the cluster data plane, and configuration code outside failover paths', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-call', service: 'route53-recovery-cluster', operation: 'UpdateRoutingControlState', file: 'src/failover.ts', line: 1, container: 'failover' }),
        dep({ kind: 'sdk-call', service: config, operation: 'CreateRoutingControl', file: 'infra/setup-arc.ts', line: 2, container: 'createControls' }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports the configuration API call in the failover function, and not the cluster data plane', async () => {
      const map = await analyseFiles({
        'src/failover.ts': [
          'import { Route53RecoveryControlConfigClient, DescribeClusterCommand } from "@aws-sdk/client-route53-recovery-control-config";',
          'import { Route53RecoveryClusterClient, UpdateRoutingControlStateCommand } from "@aws-sdk/client-route53-recovery-cluster";',
          '',
          'const config = new Route53RecoveryControlConfigClient({ region: "us-west-2" });',
          '',
          'export async function failOver(clusterArn: string, controlArn: string) {',
          '  const { Cluster } = await config.send(new DescribeClusterCommand({ ClusterArn: clusterArn }));',
          '  const endpoint = Cluster?.ClusterEndpoints?.[0];',
          '  const cluster = new Route53RecoveryClusterClient({ region: endpoint?.Region, endpoint: endpoint?.Endpoint });',
          '  return cluster.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: controlArn, RoutingControlState: "Off" }));',
          '}',
          '',
        ].join('\n'),
      });
      const findings = findingsOf(map, 'arc-control-plane-in-failover');
      assert.deepEqual(locations(findings), ['src/failover.ts:7:29']);
      assert.equal(findings[0].severity, 'medium');
    });
  });
});
