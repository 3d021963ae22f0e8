// The usual mistakes in a base URL, caught before the first request, with what to change.
// Pure, so the Providers form shows it as you type and the tests can pin it.

export interface BaseUrlAdvice {
  level: 'error' | 'warning';
  message: string;
  /** A corrected URL the form can offer with one click. */
  suggestion?: string;
}

export function checkBaseUrl(url: string, adapter: string): BaseUrlAdvice[] {
  const text = url.trim();
  if (!text) return [];
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return [{ level: 'error', message: 'This is not a URL. It should look like https://api.example.com/v1.' }];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [{ level: 'error', message: 'Use an http:// or https:// URL.' }];
  const advice: BaseUrlAdvice[] = [];
  const path = parsed.pathname.replace(/\/+$/, '');
  const openAiStyle = adapter === 'compatible' || adapter === 'openai' || adapter === 'openrouter';
  if (text.endsWith('/'))
    advice.push({
      level: 'warning',
      message: 'Drop the trailing slash; paths are added to this URL.',
      suggestion: text.replace(/\/+$/, ''),
    });
  if (openAiStyle && path.endsWith('/chat/completions')) {
    advice.push({
      level: 'warning',
      message: 'Give the base URL, without /chat/completions; Switchyard adds the endpoint.',
      suggestion: `${parsed.origin}${path.slice(0, -'/chat/completions'.length)}`,
    });
  } else if (openAiStyle && (path === '' || path === '/')) {
    advice.push({
      level: 'warning',
      message: 'OpenAI-compatible servers usually serve under /v1; add it unless this server says otherwise.',
      suggestion: `${parsed.origin}/v1`,
    });
  }
  if (openAiStyle && /(^|\.)anthropic\.com$/.test(parsed.hostname)) {
    advice.push({
      level: 'error',
      message:
        'This is an Anthropic URL on an OpenAI-style profile. Pick the Anthropic provider, or use anthropic-custom: for Anthropic-compatible gateways.',
    });
  }
  if (adapter === 'ollama' && /\/v1$/.test(path)) {
    advice.push({
      level: 'warning',
      message:
        'Ollama profiles use the native API: give the server URL without /v1 (use the "custom:" provider for its OpenAI-compatible endpoint).',
      suggestion: `${parsed.origin}${path.slice(0, -3)}`,
    });
  }
  if (adapter === 'anthropic' && /\/v1$/.test(path)) {
    advice.push({
      level: 'warning',
      message: 'Anthropic base URLs have no /v1; Switchyard adds /v1/messages.',
      suggestion: `${parsed.origin}${path.slice(0, -3)}`,
    });
  }
  if (
    parsed.protocol === 'http:' &&
    !['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname) &&
    !parsed.hostname.endsWith('.local')
  ) {
    advice.push({
      level: 'warning',
      message: 'Plain http:// to a remote host sends your key unencrypted; use https:// if the server supports it.',
    });
  }
  return advice;
}
