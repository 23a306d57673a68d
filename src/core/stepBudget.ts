/**
 * A bound on the work a recursive resolver may do. Resolvers follow references a repository
 * writes (Terraform module calls, Serverless variables, CloudFormation parameters, JS/Python
 * values); a depth limit alone does not bound them, because every level may fan out. Each
 * resolver memoises what it can and spends one step of a budget per reference it follows; once
 * the budget is spent it stops, leaves the value unresolved, and the scanner or pass reports one
 * problem naming where it stopped (the {@link StepBudget.stoppedAt} point).
 *
 * A budget may have a parent (a workspace-wide budget above per-value budgets): a step is spent
 * from both, so one hostile value cannot use up the workspace's budget and a workspace of many
 * hostile values still stops.
 */

/** Where a resolver was when its budget ran out. */
export interface StopPoint {
  file: string;
  line?: number;
  column?: number;
  /** what was being followed, for the problem's text (`module "b"`, `${self:custom.m.${opt:stage}}`) */
  what: string;
}

export class StepBudget {
  private spentSteps = 0;
  /** set on the first step refused */
  stoppedAt: StopPoint | undefined;

  constructor(
    readonly limit: number,
    private readonly parent?: StepBudget,
  ) {}

  /** Steps spent so far (tests assert bounds on this, never on time). */
  get spent(): number {
    return this.spentSteps;
  }

  get exhausted(): boolean {
    return this.stoppedAt !== undefined;
  }

  /**
   * Spends one step at `where` (called only when the step is refused, so callers need not build
   * the point on every step). Returns false once the budget, or its parent's, is spent.
   */
  step(where: () => StopPoint): boolean {
    if (this.stoppedAt) return false;
    if (this.spentSteps >= this.limit || (this.parent && !this.parent.step(where))) {
      this.stoppedAt = this.parent?.stoppedAt ?? where();
      return false;
    }
    this.spentSteps++;
    return true;
  }
}
