// GitHub's hosts: github.com, GitHub Enterprise Cloud (*.ghe.com) and Enterprise Server. The
// Copilot provider trades its token at the API host; the device-flow sign-in (auth/github) talks to
// the web host.

export interface GitHubEndpoints {
  /** Where the device and token endpoints live: https://github.com or an Enterprise host. */
  web: string;
  /** The REST API: https://api.github.com, https://api.<x>.ghe.com or https://<host>/api/v3. */
  api: string;
}

/**
 * The endpoints of github.com or a GitHub Enterprise host. `SWITCHYARD_GITHUB_URL` points both at
 * one server (tests use a loopback fake); it is never needed in real use.
 */
export function githubEndpoints(host = 'github.com', env: NodeJS.ProcessEnv = process.env): GitHubEndpoints {
  const override = env.SWITCHYARD_GITHUB_URL?.trim().replace(/\/+$/, '');
  if (override) return { web: override, api: override };
  const name = normalizeGitHubHost(host);
  if (name === 'github.com') return { web: 'https://github.com', api: 'https://api.github.com' };
  // GitHub Enterprise Cloud with data residency (*.ghe.com) has an api. subdomain; Enterprise Server
  // serves the API under /api/v3.
  if (name.endsWith('.ghe.com')) return { web: `https://${name}`, api: `https://api.${name}` };
  return { web: `https://${name}`, api: `https://${name}/api/v3` };
}

/** "https://GHE.example.com/" → "ghe.example.com"; rejects anything that is not a host name. */
export function normalizeGitHubHost(host: string): string {
  const trimmed = host
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  if (!trimmed) return 'github.com';
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$/.test(trimmed)) {
    throw new Error(`"${host}" is not a GitHub host name. Use github.com, or your Enterprise host such as github.example.com.`);
  }
  return trimmed;
}
