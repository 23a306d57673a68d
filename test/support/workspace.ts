/**
 * The older name of the in-memory workspace half of the rule-test harness, kept as re-exports for
 * tests written on other branches before the merge. New tests import test/support/ruleTester.
 */
export { analyseFiles, findingsOf, locations } from './ruleTester';
