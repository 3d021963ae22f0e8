// The Settings page with a locked Login keyring (gnome-keyring started without --unlock): it says
// the keyring is locked and how to unlock it, instead of offering in-memory keys or crashing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { canRunKeyring, runWithUnlockedKeyring, startLockedKeyring } from '../helpers/keyring';
import { expect, screenshot, startWebApp, test } from './fixtures';

test.skip(!canRunKeyring, 'needs dbus-run-session and gnome-keyring-daemon');

test('Settings says the keyring is locked and how to unlock it; light and dark', async ({ page }) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-e2e-keyring-'));
  // A Login keyring with a password, then a session where it stays locked.
  await runWithUnlockedKeyring(dir, ['true'], {});
  const keyring = await startLockedKeyring(dir);
  const { app, stop } = await startWebApp({ DBUS_SESSION_BUS_ADDRESS: keyring.address });
  try {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const status = page.getByTestId('keychain-status');
    await expect(status).toContainText('Your keyring is locked');
    await expect(status).toContainText('unlock the Login keyring');
    await expect(status.getByRole('checkbox')).toHaveCount(0);
    await screenshot(page, 'settings-keyring-locked-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'settings-keyring-locked-dark');
    // Still locked when checked again: the state comes from the keyring, not a cached answer.
    await status.getByRole('button', { name: 'Check again' }).click();
    await expect(status).toContainText('Your keyring is locked');
  } finally {
    await stop();
    await keyring.close();
    await rm(dir, { recursive: true, force: true });
  }
});
