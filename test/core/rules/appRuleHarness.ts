/**
 * The older name of the hand-built-dependency half of the rule-test harness, kept as re-exports for
 * tests written on other branches before the merge. New tests import test/support/ruleTester
 * (`runRulesOn`, `located`).
 */
export { located as placed, runRulesOn as runRule, type EngineOptions as HarnessOptions } from '../../support/ruleTester';
