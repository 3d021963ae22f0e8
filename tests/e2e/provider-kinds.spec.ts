// The provider kinds that are not "paste an API key": Bedrock's region and AWS profile, the Gemini
// CLI's sign-in as a key source, a CLI tool with no key at all, and sign-in profiles, side by side
// on the Providers page in light and dark.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, startWebApp, test, screenshotThemes } from './fixtures';

async function pick(page: Page, search: string, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Add provider' }).first().click();
  await page.getByLabel('Search providers').fill(search);
  await page.getByRole('button', { name }).first().click();
}

test('Bedrock, Gemini through the Gemini CLI sign-in, Claude Code and sign-in profiles', async ({ page }) => {
  const home = await mkdtemp(path.join(os.tmpdir(), 'switchyard-e2e-home-'));
  await mkdir(path.join(home, '.gemini'));
  await writeFile(
    path.join(home, '.gemini', 'oauth_creds.json'),
    JSON.stringify({ access_token: 'ya29.e2e-access-token', refresh_token: '1//e2e-refresh-token', expiry_date: Date.now() + 3_600_000 }),
  );
  // No provider keys from the developer's shell may leak into this page, and the Copilot sign-in
  // goes to a dead loopback port rather than github.com.
  const { app, stop } = await startWebApp({
    HOME: home,
    GEMINI_API_KEY: '',
    GOOGLE_API_KEY: '',
    SWITCHYARD_API_KEY: '',
    API_KEY: '',
    SWITCHYARD_GITHUB_URL: 'http://127.0.0.1:9',
  });
  try {
    await page.goto(app.url);

    await pick(page, 'bedrock', /Amazon Bedrock/);
    await page.getByTestId('aws-region').fill('eu-central-1');
    await page.getByLabel('AWS profile (optional)').fill('work');
    await expect(page.getByText('https://bedrock-runtime.eu-central-1.amazonaws.com')).toBeVisible();
    await expect(page.getByText(/Without a key here, Switchyard reads BEDROCK_API_KEY\./)).toBeVisible();
    await screenshot(page, 'providers-bedrock-form');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    const bedrock = page.getByTestId('profile-Amazon Bedrock');
    await bedrock.getByRole('button', { name: 'Edit Amazon Bedrock' }).click();
    await expect(page.getByTestId('aws-region')).toHaveValue('eu-central-1');
    await expect(page.getByLabel('AWS profile (optional)')).toHaveValue('work');
    await page.getByRole('button', { name: 'Close' }).click();

    await pick(page, 'gemini', /Google Gemini/);
    await expect(page.getByText(/then the Gemini CLI's own sign-in/)).toBeVisible();
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    await expect(page.getByTestId('profile-Google Gemini')).toContainText(/Gemini CLI sign-in \(~\/\.gemini\/oauth_creds\.json\)/);

    await pick(page, 'claude', /Claude Code/);
    await expect(page.getByTestId('key-input')).toHaveCount(0);
    await expect(page.getByText(/CLAUDE_CODE_PATH/)).toBeVisible();
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    await expect(page.getByTestId('profile-Claude Code (CLI)')).toContainText('no key needed');

    // Sign-in profiles start their sign-in when added; closing the dialog leaves them signed out.
    await pick(page, 'copilot', /GitHub Copilot/);
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    const login = page.getByRole('dialog', { name: 'Sign in to GitHub Copilot' });
    await expect(login.getByRole('alert')).toContainText('refused the connection');
    await screenshot(page, 'copilot-login-unreachable');
    await login.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('profile-GitHub Copilot')).toContainText('not signed in');

    await screenshotThemes(page, 'providers-kinds');
    expect(await page.content()).not.toMatch(/e2e-(access|refresh)-token/);
  } finally {
    await stop();
    await rm(home, { recursive: true, force: true });
  }
});
