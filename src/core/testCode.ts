/**
 * Test code and sample payloads, as CONTRACTS.md "Regions" defines test code (files under a
 * `test/`, `tests/` or `__tests__/` folder, `*.test.*`, `*.spec.*`, `test_*.py`, `conftest.py`)
 * plus the common variants seen in real repositories. They are not deployed, so:
 * - nothing in them (a template fixture, a `.env`, a samconfig, a function declared for a local
 *   run) is evidence of where code or a stack is deployed (the resolution passes);
 * - findings there are left out unless the configuration asks for them (`includeTests: true` in
 *   `.outage-radar.yaml`, or the `outageRadar.includeTests` setting; the rule engine).
 * One definition for both, so a file is never a deploy site and a finding-free test at once.
 */

/** Folders whose whole content is test code. */
const TEST_FOLDER = /(?:^|\/)(?:test|tests|__tests__|__mocks__|integration-test|integration-tests|e2e-tests?)\//i;
/** File names of test code: `orders.test.ts`, `orders.spec.js`, `test_orders.py`, `orders_test.py`, `conftest.py`, `OrdersTest.java`. */
const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)test_[^/]*\.py$|_test\.py$|(?:^|\/)conftest\.py$|Tests?\.java$)/;
/**
 * Sample event payloads (`sam local invoke -e events/event.json`, `src/events/event-data.ts`):
 * a folder named `events` holding JSON payloads or modules named after events.
 */
const SAMPLE_EVENT = /(?:^|\/)events\/(?:[^/]+\/)*(?:[^/]*\.json|[^/]*event[^/]*\.[cm]?[jt]s)$/i;

/** True when `file` (workspace-relative, POSIX) is test code or a sample payload. */
export function isTestCode(file: string): boolean {
  return TEST_FOLDER.test(file) || TEST_FILE.test(file) || SAMPLE_EVENT.test(file);
}
