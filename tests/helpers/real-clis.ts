// The real Claude Code, Gemini CLI and Kilo CLI for tests, and the environment that keeps each of
// them on loopback: a fresh HOME (nothing of the user's is read or written), its base URL pointed
// at a fake, its telemetry, update checks and other non-essential traffic turned off, and every
// proxy variable pointed at a LoopbackProxy that refuses anything but 127.0.0.1 (belt and braces:
// a setting missed here shows up as a refused destination instead of leaving the machine).
// The programs come from scripts/install-real-clis.mjs (a cache folder, installed on first use).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

let binDir: string | undefined;

/** The folder holding `claude`, `gemini` and `kilo`; installs them first if needed (once, ~20 s). */
export function realClisBin(): string {
  if (!binDir) {
    const dir = execFileSync(process.execPath, [path.join(root, 'scripts/install-real-clis.mjs')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    binDir = path.join(dir, 'node_modules', '.bin');
    for (const name of ['claude', 'gemini', 'kilo'])
      if (!existsSync(path.join(binDir, name)))
        throw new Error(`${name} is missing from ${binDir}: delete that folder's parent and run scripts/install-real-clis.mjs again.`);
  }
  return binDir;
}

/** A temporary HOME, and the variables that make every tool use it (XDG, TMPDIR, Windows' own). */
export function tempHome(): { home: string; env: Record<string, string>; remove(): void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-cli-home-'));
  return {
    home,
    env: {
      HOME: home,
      USERPROFILE: home,
      APPDATA: path.join(home, 'AppData', 'Roaming'),
      LOCALAPPDATA: path.join(home, 'AppData', 'Local'),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_STATE_HOME: path.join(home, '.local', 'state'),
      TMPDIR: home,
    },
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

/**
 * What every run gets: PATH with the real tools and node (Gemini CLI and Kilo's launcher are node
 * scripts), the temporary HOME, and all proxy variables at the guard. NO_PROXY is empty, so even
 * loopback traffic goes through the guard, which shows that the tool honours the proxy at all.
 */
export function baseEnv(homeEnv: Record<string, string>, proxyUrl: string): Record<string, string> {
  return {
    PATH: [realClisBin(), path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    LANG: 'C.UTF-8',
    ...homeEnv,
    HTTPS_PROXY: proxyUrl,
    HTTP_PROXY: proxyUrl,
    ALL_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    http_proxy: proxyUrl,
    all_proxy: proxyUrl,
    NO_PROXY: '',
    no_proxy: '',
  };
}

/**
 * Claude Code against a fake Anthropic API (its variables as read from the 2.1.332 binary).
 * CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC covers the auto-updater, telemetry, error reporting and
 * the feedback command; the three are also set one by one. No retries, so a refused request fails
 * at once (Claude Code retries 5xx and 429 up to ten times with backoff).
 */
export function claudeCodeEnv(anthropicBaseUrl: string, apiKey = 'sk-ant-api03-fake-test-key'): Record<string, string> {
  return {
    ANTHROPIC_BASE_URL: anthropicBaseUrl,
    ANTHROPIC_API_KEY: apiKey,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_MAX_RETRIES: '0',
  };
}

/**
 * Gemini CLI against a fake Gemini API. GOOGLE_GEMINI_BASE_URL alone selects its "gateway" auth,
 * which headless mode rejects ("Invalid auth method selected"), so the settings file picks the API
 * key; it also turns off usage statistics (Clearcut), telemetry and update checks.
 */
export async function geminiCliEnv(
  home: string,
  geminiBaseUrl: string,
  apiKey = 'AIzaFakeTestKey0123456789abcdefghijklmn',
): Promise<Record<string, string>> {
  await mkdir(path.join(home, '.gemini'), { recursive: true });
  const settings = {
    security: { auth: { selectedType: 'gemini-api-key' } },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  };
  await writeFile(path.join(home, '.gemini', 'settings.json'), JSON.stringify(settings));
  return { GEMINI_API_KEY: apiKey, GOOGLE_GEMINI_BASE_URL: geminiBaseUrl, GEMINI_TELEMETRY_ENABLED: 'false' };
}

/**
 * Kilo against a fake OpenAI-compatible API, as provider `fake` (so its models are `fake/<id>`), the
 * only provider enabled. The switches are the ones Kilo's own test harness sets (except
 * KILO_NO_DAEMON: runs here use its default), plus telemetry (PostHog) and sharing off; without them
 * it calls models.dev, us.i.posthog.com and api.kilo.ai.
 */
export function kiloEnv(openAiBaseUrl: string, models: string[], apiKey = 'sk-fake-kilo-test-key'): Record<string, string> {
  const config = {
    enabled_providers: ['fake'],
    provider: {
      fake: {
        npm: '@ai-sdk/openai-compatible',
        name: 'Fake',
        options: { baseURL: openAiBaseUrl, apiKey },
        models: Object.fromEntries(models.map((id) => [id, { name: id }])),
      },
    },
  };
  return {
    KILO_CONFIG_CONTENT: JSON.stringify(config),
    KILO_DISABLE_MODELS_FETCH: '1',
    KILO_TELEMETRY_LEVEL: 'off',
    KILO_DISABLE_AUTOUPDATE: '1',
    KILO_DISABLE_DEFAULT_PLUGINS: '1',
    KILO_PURE: '1',
    KILO_DISABLE_SHARE: '1',
    KILO_DISABLE_SESSION_INGEST: '1',
    KILO_DISABLE_LSP_DOWNLOAD: '1',
  };
}

/**
 * Pids of the live processes whose environment holds `NAME=value` (Linux, /proc). A marker variable
 * set for one run finds that run's whole process tree, helpers included, even one that left the
 * process group.
 */
export function processesWithEnv(name: string, value: string): number[] {
  const marker = Buffer.from(`${name}=${value}\0`);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(marker) && !/\) Z /.test(readFileSync(`/proc/${entry}/stat`, 'utf8')))
        pids.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return pids;
}
