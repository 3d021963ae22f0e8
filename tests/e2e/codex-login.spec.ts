// The OpenAI Codex sign-in in browser mode against the fake auth server: the sign-in page opens in a
// new tab, comes back to the app's callback on loopback, the dialog shows the account and closes,
// and chat through the profile works. The paste fallback finishes a sign-in when the port is taken.
import http from 'node:http';
import { startFakeCodex } from '../fakes/codex';
import { freePort } from '../helpers/net';
import { expect, recordFrames, screenshot, startWebApp, storageDump, test } from './fixtures';

test('sign in to OpenAI Codex through the browser, then through the paste fallback', async ({ page }) => {
  const fake = await startFakeCodex();
  const port = await freePort();
  const { app, stop } = await startWebApp({ SWITCHYARD_CODEX_ISSUER: fake.issuer, SWITCHYARD_CODEX_CALLBACK_PORT: String(port) });
  const frames = recordFrames(page);
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByLabel('Search providers').fill('codex');
    await page.getByRole('button', { name: /OpenAI Codex/ }).click();
    await expect(page.getByTestId('key-input')).toHaveCount(0);
    await page.getByLabel(/Base URL/).fill(fake.codexBase);
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();

    const dialog = page.getByRole('dialog', { name: 'Sign in to OpenAI Codex' });
    await expect(dialog.getByTestId('login-status')).toContainText('Waiting for the browser');
    await screenshot(page, 'codex-login-waiting');
    // The "browser": the fake's authorize page signs in at once and redirects to our callback.
    const popup = page.waitForEvent('popup');
    await dialog.getByRole('button', { name: 'Open the ChatGPT sign-in page' }).click();
    const tab = await popup;
    await expect(tab.locator('body')).toContainText(/close this (window|tab)/i);
    await tab.close();
    await expect(dialog.getByTestId('login-status')).toContainText('Signed in as user@example.com');
    await screenshot(page, 'codex-login-success');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('signed-in-account')).toHaveText(/Signed in as user@example.com/);

    await page
      .getByTestId(/^profile-OpenAI Codex/)
      .getByRole('button', { name: 'Test' })
      .click();
    await expect(page.getByText('One-token answer')).toBeVisible();
    await expect(page.getByText(/All stages passed|OK just now/).first()).toBeVisible();
    await screenshot(page, 'codex-signed-in');

    // Sign out, then sign in again with the port taken: the paste fallback finishes it.
    await page.getByRole('button', { name: /^Sign out of OpenAI Codex/ }).click();
    await expect(page.getByText('not signed in')).toBeVisible();
    // Another program on the port (as the Codex CLI would be): it answers, but it is not us.
    const blocker = http.createServer((_req, res) => res.writeHead(404).end('not Switchyard'));
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await page.getByRole('button', { name: 'Sign in with ChatGPT' }).click();
      await expect(dialog.getByText(/paste/i).first()).toBeVisible();
      const authorizeUrl = await (async () => {
        const opened = page.waitForEvent('popup');
        await dialog.getByRole('button', { name: 'Open the ChatGPT sign-in page' }).click();
        const tab2 = await opened;
        await tab2.waitForURL(/\/auth\/callback\?/);
        const url = tab2.url();
        await tab2.close();
        return url;
      })();
      // The tab ended on the (unreachable) callback address; that address is what the user pastes.
      expect(authorizeUrl).toContain(`localhost:${port}/auth/callback?code=`);
      await screenshot(page, 'codex-login-paste');
      await dialog.getByTestId('codex-paste').fill(authorizeUrl);
      await dialog.getByRole('button', { name: 'Finish sign-in' }).click();
      await expect(dialog.getByTestId('login-status')).toContainText('Signed in as user@example.com');
    } finally {
      blocker.closeAllConnections();
      await new Promise((resolve) => blocker.close(resolve));
    }

    const tokens = [...fake.validAccessTokens, ...fake.validRefreshTokens];
    const seen = `${frames.map((f) => f.text).join('\n')}\n${await storageDump(page)}\n${app.output()}`;
    for (const token of tokens) expect(seen).not.toContain(token);
  } finally {
    await stop();
    await fake.close();
  }
});
