// The Copilot sign-in in browser mode, against the GitHub fake: add the provider, the sign-in
// dialog shows the code, its status follows GitHub's answers (slow down, then success), it closes
// itself, and the Providers page shows the account. Neither token reaches the page.
import { startFakeGitHub } from '../fakes/github';
import { expect, recordFrames, screenshot, startWebApp, storageDump, test } from './fixtures';

const GITHUB_TOKEN = 'gho_e2eCopilotSecretToken0123456789AB';

test('sign in to GitHub Copilot: code, live status, success, account shown, sign out', async ({ page }) => {
  // GitHub's minimum poll interval is 5 s: slow_down makes the second poll wait 10 s more.
  const github = await startFakeGitHub({ githubToken: GITHUB_TOKEN, login: 'mona', polls: ['slow_down', 'token'] });
  const { app, stop } = await startWebApp({ SWITCHYARD_GITHUB_URL: github.url });
  const frames = recordFrames(page);
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByLabel('Search providers').fill('copilot');
    await page.getByRole('button', { name: /GitHub Copilot/ }).click();
    await expect(page.getByTestId('key-input')).toHaveCount(0);
    await expect(page.getByTestId('github-host')).toBeVisible();
    await screenshot(page, 'copilot-add');
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();

    // Browser mode shows the sign-in as a dialog on the page.
    const dialog = page.getByRole('dialog', { name: 'Sign in to GitHub Copilot' });
    await expect(dialog.getByTestId('user-code')).toHaveText('WDJB-MJHT');
    await expect(dialog.getByTestId('login-status')).toContainText(/Waiting for you to enter the code · 1[45]:\d\d left/);
    await screenshot(page, 'copilot-login-waiting');

    const popup = page.waitForEvent('popup');
    await dialog.getByRole('button', { name: /Open 127\.0\.0\.1:\d+\/login\/device/ }).click();
    expect((await popup).url()).toBe(`${github.url}/login/device`);
    await (await popup).close();

    await expect(dialog.getByTestId('login-status')).toContainText('GitHub asked us to check less often', { timeout: 15_000 });
    await expect(dialog.getByTestId('login-status')).toContainText('Signed in as mona', { timeout: 20_000 });
    await screenshot(page, 'copilot-login-success');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('signed-in-account')).toHaveText(/Signed in as mona/);

    // Testing the profile trades the GitHub token for a Copilot token and lists the models.
    await page.getByTestId('profile-GitHub Copilot').getByRole('button', { name: 'Test' }).click();
    await expect(page.getByText(/Models: .*gpt-4o/)).toBeVisible();
    await expect(page.getByText('The GitHub sign-in was accepted')).toBeVisible();
    await screenshot(page, 'copilot-signed-in');

    const secrets = [GITHUB_TOKEN, ...github.issuedCopilotTokens];
    expect(github.issuedCopilotTokens.length).toBeGreaterThan(0);
    const seen = `${frames.map((f) => f.text).join('\n')}\n${await storageDump(page)}\n${app.output()}`;
    for (const secret of secrets) expect(seen).not.toContain(secret);

    await page.getByRole('button', { name: 'Sign out of GitHub Copilot' }).click();
    await expect(page.getByText('not signed in')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible();
  } finally {
    await stop();
    await github.close();
  }
});

test('an expired code offers to start again; dark theme', async ({ page }) => {
  const github = await startFakeGitHub({ polls: ['expired_token'] });
  const { app, stop } = await startWebApp({ SWITCHYARD_GITHUB_URL: github.url });
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    await page.getByLabel('Search providers').fill('copilot');
    await page.getByRole('button', { name: /GitHub Copilot/ }).click();
    await page.getByRole('button', { name: 'Add provider', exact: true }).last().click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to GitHub Copilot' });
    await expect(dialog.getByTestId('user-code')).toHaveText('WDJB-MJHT');
    await screenshot(page, 'copilot-login-waiting-dark');
    await expect(dialog.getByRole('alert')).toContainText('The code expired', { timeout: 15_000 });
    await screenshot(page, 'copilot-login-expired-dark');
    github.options.polls = ['access_denied'];
    await dialog.getByRole('button', { name: 'Start again' }).click();
    await expect(dialog.getByTestId('user-code')).toBeVisible();
    await expect(dialog.getByRole('alert')).toContainText('Access was denied', { timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible();
  } finally {
    await stop();
    await github.close();
  }
});
