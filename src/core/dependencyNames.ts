/**
 * Readable names of dependencies for views (the tree, the hover): what a person calls the thing,
 * never an SDK class name or a file path.
 */
import { serviceDisplayName } from './catalogue/services';
import type { Dependency } from './model';

/**
 * A readable name: the resource's name for infrastructure, the service and operation for SDK
 * calls, the service's client for SDK clients (never an SDK class name such as
 * `AmazonApiGatewayManagementApi`), the text otherwise.
 */
export function dependencyLabel(d: Dependency): string {
  if (d.resource?.name) return d.resource.name;
  const service = serviceDisplayName(d.service);
  switch (d.kind) {
    case 'sdk-client':
      return `${service} client`;
    case 'sdk-call':
      return d.operation ? `${d.operation} (${service})` : `${service} call`;
    case 'endpoint':
      return `${service} endpoint`;
    case 'arn':
      return `${service} ARN`;
    default:
      return d.name ?? d.kind;
  }
}

