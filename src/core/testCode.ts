/**
 * Test code, as CONTRACTS.md "Regions" defines it: files under a `test/`, `tests/` or
 * `__tests__/` folder, `*.test.*` and `*.spec.*` files, Python's `test_*.py` and `conftest.py`.
 * Tests are not deployed, so nothing in them (a template fixture, a `.env`, a samconfig, a
 * function declared for a local run) is evidence of where code or a stack is deployed.
 */

const TEST_FOLDER = /(?:^|\/)(?:test|tests|__tests__)\//;
const TEST_FILE = /(?:^|\/)(?:[^/]+\.(?:test|spec)\.[^/]+|test_[^/]*\.py|conftest\.py)$/;

/** Whether a workspace-relative path is test code. */
export function isTestCode(file: string): boolean {
  return TEST_FOLDER.test(file) || TEST_FILE.test(file);
}
