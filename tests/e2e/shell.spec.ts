import { expect, screenshot, test, screenshotThemes } from './fixtures';

const PAGES = ['Providers', 'Chat', 'Compare', 'Chains', 'Ollama', 'Settings'];

test('every page opens from the navigation', async ({ appPage: page }) => {
  for (const name of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
  }
});

test('Alt+digit moves between pages from the keyboard', async ({ appPage: page }) => {
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('the About panel shows the host information', async ({ appPage: page, webApp }) => {
  await page.getByRole('button', { name: 'About' }).click();
  const info = page.getByTestId('about-info');
  await expect(info).toContainText(webApp.dataDir);
  await expect(info).toContainText('WebSocket on loopback');
  await expect(info).toContainText(/Node\.js\s*\d+\./);
  await screenshot(page, 'about');
  await page.keyboard.press('Escape');
  await expect(info).toBeHidden();
});

test('a page opened without its token says how to fix it', async ({ page, webApp }) => {
  await page.goto(webApp.origin + '/');
  await expect(page.getByTestId('connection-banner')).toContainText('without its access token');
});

test('a page with a wrong token is refused with a reason', async ({ page, webApp }) => {
  await page.goto(`${webApp.origin}/#token=wrong`);
  await expect(page.getByTestId('connection-banner')).toContainText('Wrong token');
});

test('every page renders, in light and dark', async ({ appPage: page }) => {
  for (const name of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await screenshotThemes(page, `shell-${name.toLowerCase()}`);
  }
});

test('the theme chosen in Settings overrides the system, and "Follow the system" gives it back', async ({ appPage: page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  expect(await background()).toBe('rgb(246, 247, 249)');
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect.poll(background).toBe('rgb(15, 17, 21)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'Light' }).click();
  await expect.poll(background).toBe('rgb(246, 247, 249)');
  await page.getByRole('radio', { name: 'Follow the system' }).click();
  await expect.poll(background).toBe('rgb(15, 17, 21)');
  // Reloaded, the choice still holds.
  await page.getByRole('radio', { name: 'Light' }).click();
  await page.reload();
  await expect.poll(background).toBe('rgb(246, 247, 249)');
});
