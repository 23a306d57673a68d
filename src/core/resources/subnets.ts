/**
 * How a subnet reference is written, decided where the declaration is read (the extractors) so
 * that rules judge `subnetForms` instead of matching the text of `subnets`.
 */

/**
 * - `many`: a splat or a `for` expression (`aws_subnet.private[*].id`), which stands for a number of
 *   subnets the workspace cannot count;
 * - `id`: a literal subnet id (`subnet-0a1b2c3d`), one subnet in a zone the workspace does not state;
 * - `reference`: anything else, which resolution may follow to a declared subnet (`in-subnet`).
 */
export type SubnetForm = 'many' | 'id' | 'reference';

const MANY_SUBNETS = /\[\*\]|\bfor\b|\.\*\./;
const LITERAL_SUBNET = /^subnet-[0-9a-f]{8,17}$/;

export function subnetForm(text: string): SubnetForm {
  const t = text.trim();
  if (MANY_SUBNETS.test(t)) return 'many';
  return LITERAL_SUBNET.test(t) ? 'id' : 'reference';
}
