// Preloaded (`node --require`) into a CLI process under test: when the process exits, writes its
// peak resident set size in bytes (`process.resourceUsage().maxRSS`, worker threads included) to
// the file named by OUTAGE_RADAR_TEST_PEAK_RSS_FILE, so that tests can bound memory, not time.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.OUTAGE_RADAR_TEST_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
