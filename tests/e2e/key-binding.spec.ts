// Changing where a profile's requests go holds its keys until the user confirms, on the Providers
// page, in a dialog that names exactly what changed.
import { startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, screenshot, startWebApp, test } from './fixtures';

test('a new endpoint holds the keys until the user confirms it; light and dark', async ({ page }) => {
  const trusted = await startFakeOpenAI(['gpt-fake']);
  const other = await startFakeOpenAI(['gpt-fake']);
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Team Gateway', trusted.baseUrl, 'gpt-fake');
    const row = page.getByTestId('profile-Team Gateway');

    // The user (or an imported file) points the profile at another server.
    await row.getByRole('button', { name: 'Edit Team Gateway' }).click();
    await page.getByLabel(/Base URL/).fill(other.baseUrl);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const hold = page.getByTestId('keys-on-hold-Team Gateway');
    await expect(hold).toContainText('The endpoint of this profile changed');

    // Until confirmed, a test sends nothing to the new server.
    await row.getByRole('button', { name: 'Test' }).click();
    await expect(row.getByTestId('stage-connect')).toContainText('are on hold');
    expect(other.requests).toHaveLength(0);
    await screenshot(page, 'keys-on-hold-light');

    await hold.getByRole('button', { name: 'Review change…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send the keys to the new endpoint?' });
    await expect(dialog.getByTestId('endpoint-changes')).toContainText(
      `Endpoint ${new URL(trusted.baseUrl).origin} → ${new URL(other.baseUrl).origin}`,
    );
    await screenshot(page, 'keys-on-hold-dialog-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'keys-on-hold-dialog-dark');

    // Cancel keeps them on hold; confirming lets them go.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(hold).toBeVisible();
    await screenshot(page, 'keys-on-hold-dark');
    await hold.getByRole('button', { name: 'Review change…' }).click();
    await dialog.getByRole('button', { name: 'Send keys there' }).click();
    await expect(hold).toHaveCount(0);
    await row.getByRole('button', { name: 'Test' }).click();
    await expect(row.getByTestId('stage-auth')).toHaveAttribute('data-verdict', 'pass');
    expect(other.requests.some((r) => String(r.headers.authorization).startsWith('Bearer sk-e2e-TeamGateway'))).toBe(true);
  } finally {
    await stop();
    await trusted.close();
    await other.close();
  }
});
