// "Export for LiteLLM…" on the Chains page: the file downloads with keys only as os.environ names,
// and the dialog lists the variables to set and what LiteLLM does differently; light and dark.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { startFakeOpenAI } from '../fakes/openai';
import { addCustomProfile, expect, startWebApp, test, screenshotThemes } from './fixtures';
import { pickModel } from './model-picker';

test('exports a chain and its route for a LiteLLM gateway; light and dark', async ({ page }) => {
  // Loopback fakes stand in for the team's servers: nothing here leaves 127.0.0.1.
  const primary = await startFakeOpenAI(['big-model']);
  const backup = await startFakeOpenAI(['small-model']);
  const { app, stop } = await startWebApp();
  try {
    await page.goto(app.url);
    await addCustomProfile(page, 'Team Primary', `${primary.url}/v1`, 'big-model');
    await addCustomProfile(page, 'Team Backup', `${backup.url}/v1`, 'small-model');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chains' }).click();
    await page.getByRole('button', { name: 'New chain' }).click();
    await page.getByLabel('Chain name').fill('Team chain');
    await pickModel(page, 'Target 1', 'Team Primary big-model', /^big-model/);
    await page.getByRole('button', { name: 'Add target' }).click();
    await pickModel(page, 'Target 2', 'Team Backup small-model', /^small-model/);
    await page.getByRole('button', { name: 'Save chain' }).click();
    await expect(page.getByTestId('chain-Team chain')).toContainText('Team Backup · small-model');
    await page.getByLabel('New route hint').fill('team');
    await page.getByRole('button', { name: 'Add route' }).click();
    await expect(page.getByRole('cell', { name: 'hint:team' })).toBeVisible();

    const exportButton = page.getByRole('button', { name: 'Export for LiteLLM…' });
    await exportButton.scrollIntoViewIfNeeded();
    await screenshotThemes(page, 'chains-litellm-card');
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe('litellm-config.yaml');
    const content = await readFile((await download.path())!, 'utf8');
    const file = parse(content, { version: '1.1' }) as {
      model_list: Array<{ model_name: string; litellm_params: Record<string, unknown> }>;
      router_settings: Record<string, unknown>;
    };
    expect(file.model_list.map((d) => [d.model_name, d.litellm_params.model, d.litellm_params.api_key])).toEqual([
      ['team-chain', 'openai/big-model', 'os.environ/SWITCHYARD_TEAM_PRIMARY_API_KEY'],
      ['team-chain/attempt-2', 'openai/small-model', 'os.environ/SWITCHYARD_TEAM_BACKUP_API_KEY'],
    ]);
    expect(file.router_settings.model_group_alias).toEqual({ 'hint:team': 'team-chain' });
    // The keys typed on the Providers page live in the keychain, never in the export.
    for (const key of ['sk-e2e-TeamPrimary-0123456789abcdef', 'sk-e2e-TeamBackup-0123456789abcdef']) expect(content).not.toContain(key);

    const result = page.getByRole('dialog', { name: 'Exported for LiteLLM' });
    await expect(result).toBeVisible();
    await expect(result.getByTestId('litellm-export-result')).toContainText(
      'Downloaded litellm-config.yaml: 1 chain, 1 route, 2 model deployments. No key is in it.',
    );
    const vars = result.getByRole('table', { name: 'Environment variables to set' });
    await expect(vars).toContainText('SWITCHYARD_TEAM_PRIMARY_API_KEY');
    await expect(vars).toContainText('LITELLM_MASTER_KEY');
    const notes = result.getByRole('list', { name: 'What LiteLLM does differently' });
    await expect(notes).toContainText('before the first token');
    await expect(notes).toContainText('is this computer');
    await screenshotThemes(page, 'chains-litellm-export');

    // Keyboard: Escape closes the dialog and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(result).toBeHidden();
    await expect(exportButton).toBeFocused();
  } finally {
    await stop();
    await primary.close();
    await backup.close();
  }
});
