// Ready-to-paste settings for the clients people point at the gateway; the CLI prints them and
// Settings → Gateway shows them. No Node or DOM imports: both sides load this file.

export interface GatewaySnippet {
  id: 'claude-code' | 'openai' | 'curl';
  title: string;
  text: string;
}

export function gatewayUrls(baseUrl: string): { openai: string; anthropic: string } {
  return { openai: `${baseUrl}/v1`, anthropic: baseUrl };
}

/** `token` is the real token right after it was created, else a placeholder the user replaces. */
export function gatewaySnippets(baseUrl: string, token = '<your gateway token>', model = 'chain:<name>'): GatewaySnippet[] {
  const urls = gatewayUrls(baseUrl);
  return [
    {
      id: 'claude-code',
      title: 'Claude Code',
      text: `export ANTHROPIC_BASE_URL=${urls.anthropic}\nexport ANTHROPIC_AUTH_TOKEN=${token}\n# alias claude-* to a chain in Settings → Gateway\nclaude`,
    },
    { id: 'openai', title: 'OpenAI SDKs', text: `export OPENAI_BASE_URL=${urls.openai}\nexport OPENAI_API_KEY=${token}` },
    {
      id: 'curl',
      title: 'curl',
      text: `curl ${urls.openai}/chat/completions \\\n  -H "Authorization: Bearer ${token}" \\\n  -H "Content-Type: application/json" \\\n  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`,
    },
  ];
}
