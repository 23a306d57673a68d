/**
 * Ties SDK calls to the declared resources they use, where a name makes it certain: a literal
 * table/bucket/queue name equal to a resource's physical name, or an environment variable that
 * the deploying function sets to a `Ref` of a resource in its own stack.
 */
import type { Dependency } from '../model';
import { DeployUnitIndex, deployedUnits } from './deploy';
import type { ResolutionPass } from './types';

function addLink(from: Dependency, to: Dependency): void {
  const links = (from.links ??= []);
  if (!links.includes(to.id)) links.push(to.id);
}

export const linkPass: ResolutionPass = {
  id: 'links',
  run(workspace) {
    const resources = workspace.dependencies.filter((d) => d.kind === 'iac-resource');
    const byPhysicalName = new Map<string, Dependency[]>();
    for (const r of resources) {
      for (const n of r.resource?.attributes?.physicalNames ?? []) {
        const list = byPhysicalName.get(n) ?? [];
        list.push(r);
        byPhysicalName.set(n, list);
      }
    }
    const units = new DeployUnitIndex(deployedUnits(workspace));
    const resourcesOf = new Map<string, Dependency[]>();
    for (const r of resources) {
      const key = `${r.file}\u0000${r.resource?.name ?? ''}`;
      resourcesOf.set(key, [...(resourcesOf.get(key) ?? []), r]);
    }
    for (const call of workspace.dependencies) {
      if (call.kind !== 'sdk-call' || !call.text) continue;
      const targets: Dependency[] = [];
      if (call.text.startsWith('env:')) {
        const variable = call.text.slice(4);
        for (const unit of units.unitsOf(call.file)) {
          const ref = /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}$/.exec(unit.environment?.[variable] ?? '');
          if (!ref) continue;
          targets.push(...(resourcesOf.get(`${unit.stackFile}\u0000${ref[1]}`) ?? []));
        }
      } else {
        targets.push(...(byPhysicalName.get(call.text) ?? []));
      }
      for (const t of targets.filter((t) => t.service === call.service)) addLink(call, t);
    }
  },
};
