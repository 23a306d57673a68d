/**
 * "Replicated elsewhere" is one engine verdict (`src/core/resources/replication.ts`): the code lens,
 * the hover and the outage simulation read it, so they agree on each resource. The CDK table whose
 * replicas the code computes (`regions.map(…)`) was the case where they did not: the simulation
 * counted it as surviving while the lens and the hover said nothing.
 */
import assert from 'node:assert/strict';
import type { Dependency, DependencyMap } from '../../src/core/model';
import { replicatedElsewhere } from '../../src/core/resources/replication';
import { simulateOutage } from '../../src/core/simulate';
import { lensTitle } from '../../src/server/codeLenses';
import { dependencyMarkdown } from '../../src/server/hover';
import { MapView } from '../../src/server/mapView';
import { analyseFiles } from '../support/ruleTester';

const CDK_APP = `import { App, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

const REPLICA_REGIONS = ['us-west-2', 'eu-west-1'];

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { replicaRegions: string[] }) {
    super(scope, id, props);
    new dynamodb.TableV2(this, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      replicas: props.replicaRegions.map((region) => ({ region })),
    });
    new dynamodb.TableV2(this, 'Carts', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'us-west-2' }],
    });
    new dynamodb.TableV2(this, 'Sessions', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
  }
}

const app = new App();
new OrdersStack(app, 'Orders', { env: { region: 'us-east-1' }, replicaRegions: REPLICA_REGIONS });
`;

const TERRAFORM = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_db_instance" "ledger" {
  identifier     = "ledger"
  engine         = "postgres"
  instance_class = "db.r6g.large"
  multi_az       = true
}

resource "aws_db_instance" "ledger_replica" {
  provider            = aws.west
  identifier          = "ledger-replica"
  replicate_source_db = aws_db_instance.ledger.arn
  instance_class      = "db.r6g.large"
}

resource "aws_db_instance" "audit" {
  identifier     = "audit"
  engine         = "postgres"
  instance_class = "db.t4g.small"
}
`;

describe('replicated elsewhere: the lens, the hover and the simulation agree', function () {
  this.timeout(60_000);
  let map: DependencyMap;
  let view: MapView;
  const named = (name: string): Dependency => {
    const d = map.dependencies.find((x) => x.kind === 'iac-resource' && x.resource?.name === name);
    assert.ok(d, name);
    return d;
  };
  const views = (name: string) => {
    const d = named(name);
    const simulation = simulateOutage(map, 'us-east-1');
    return {
      verdict: replicatedElsewhere(d, map.dependencies),
      lens: lensTitle(d, view),
      hover: dependencyMarkdown(d, view, { root: '/work/shop' }, []),
      survives: simulation.surviving.find((e) => e.dependencyId === d.id),
      fails: simulation.failing.some((e) => e.dependencyId === d.id),
    };
  };

  before(async () => {
    map = await analyseFiles({ 'infra/bin/app.ts': CDK_APP, 'db/main.tf': TERRAFORM });
    view = new MapView(map);
  });

  it('a CDK table whose replicas the code computes: replicated in all three', () => {
    const v = views('Orders');
    assert.equal(named('Orders').region, 'us-east-1');
    assert.equal(named('Orders').resource?.replicated, true, 'the scanner states computed replicas');
    assert.equal(v.verdict.state, 'elsewhere');
    assert.equal(v.verdict.computed, true);
    assert.match(v.lens, /^us-east-1 · replicated to computed regions · /);
    assert.match(v.hover, /\*\*Resilience:\*\* replicated to regions the code computes/);
    assert.ok(v.survives, 'the simulation keeps it serving');
    assert.equal(v.survives?.detail, 'replicas in regions the code computes (not listed in the workspace)');
  });

  it('a CDK table with a listed replica: replicated to that region in all three', () => {
    const v = views('Carts');
    assert.match(v.lens, /^us-east-1 · replicated to us-west-2 · /);
    assert.match(v.hover, /replicated to `us-west-2`/);
    assert.equal(v.survives?.detail, 'replica in us-west-2');
  });

  it('a CDK table without replicas: not replicated in all three', () => {
    const v = views('Sessions');
    assert.equal(v.verdict.state, 'not-replicated');
    assert.match(v.lens, /^us-east-1 · not replicated · /);
    assert.match(v.hover, /no replica in another region/);
    assert.ok(!v.survives && v.fails);
  });

  it('a database with a read replica in another region (a replica-of link): replicated in all three', () => {
    const replica = named('ledger_replica');
    const primary = named('ledger');
    assert.deepEqual(replica.relations?.filter((r) => r.kind === 'replica-of').map((r) => r.to), [primary.id]);
    const v = views('ledger');
    assert.equal(v.verdict.state, 'elsewhere');
    assert.deepEqual(v.verdict.regions, ['us-west-2']);
    assert.match(v.lens, /^us-east-1 · replicated to us-west-2 · /);
    assert.match(v.hover, /replicated to `us-west-2`/);
    assert.equal(v.survives?.detail, 'replica in us-west-2');
  });

  it('a database whose copies nothing states: the lens and hover claim nothing, the simulation fails it', () => {
    const v = views('audit');
    assert.equal(v.verdict.state, 'not-stated');
    assert.doesNotMatch(v.lens, /replicat/);
    const resilience = v.hover.split('\n').find((l) => l.startsWith('**Resilience:**'));
    assert.equal(resilience, '**Resilience:** single AZ');
    assert.ok(!v.survives && v.fails);
  });
});
