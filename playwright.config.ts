import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (this machine cannot download one). Tests run in its
// headless shell (package chromium-headless-shell): the same Blink without the full browser around it,
// which ran the 45 tests here in 86 s against 137 s in /usr/bin/chromium. To watch a run with
// --headed, point CHROMIUM_PATH at /usr/bin/chromium (also used when the headless shell is missing).
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export default defineConfig({
  testDir: 'tests/e2e',
  // Backstops for a hang, not measures of speed: every wait is on a state the user would see. The
  // longest flows (two profiles, a chain, a dry run, a route and a chat) take ~40 s on a quiet
  // 2-core machine and over 120 s at a load of 20, so the whole-test backstop is 5 minutes.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  // Every test starts its own browser-mode host, data folder, keychain service and loopback fakes
  // (tests/e2e/fixtures.ts), so tests are independent; two workers, one per core.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    // A trace records a screencast and DOM snapshots of every test (about an eighth of the browser's
    // CPU here) to keep only the failures'. CI's runs keep no files, so .ci/run turns it off there;
    // locally a failure keeps its trace (npx playwright show-trace …).
    trace: process.env.SWITCHYARD_CI ? 'off' : 'retain-on-failure',
  },
});
