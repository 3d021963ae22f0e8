// Paths in messages and labels as a person reads them.
import path from 'node:path';

/** The path with the home folder shown as "~": "~/.gemini/oauth_creds.json". */
export function displayCredsPath(file: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME?.trim() || env.USERPROFILE?.trim();
  if (home && (file === home || file.startsWith(`${home}${path.sep}`))) return `~${file.slice(home.length)}`;
  return file;
}

/** `<HOME or USERPROFILE>/<parts…>`, or undefined without a home folder. */
export function inHome(env: NodeJS.ProcessEnv, ...parts: string[]): string | undefined {
  const home = env.HOME?.trim() || env.USERPROFILE?.trim();
  return home ? path.join(home, ...parts) : undefined;
}
