/**
 * Fixtures under test/fixtures that take a scanner's whole time budget by design (regression
 * inputs for the scan watchdog). Tests that walk every fixture for another purpose (fuzz seeds,
 * analysis invariants) leave them out: each would cost the full budget and prove nothing new;
 * test/core/scanners/regressions.test.ts and the robustness suite keep them under test.
 */
export const BUDGET_BOUND_FIXTURES: ReadonlySet<string> = new Set(['robustness/python/parse-too-slow/billing_client.py', 'scanner-regressions/terraform-quadratic-parse.tfvars']);
