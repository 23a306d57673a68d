/**
 * The older name of the rule-test harness, kept as re-exports so that rule tests written on other
 * branches before the harnesses were merged keep compiling. New tests import test/support/ruleTester.
 */
export { analyseWith, applyFix, located, resource, runOn, scanWith } from './ruleTester';
