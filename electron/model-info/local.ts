// Which providers run the model on this machine (or the user's own box): a token costs nothing
// there, so a local model is priced at $0 and can win "Cheapest". A proxy on loopback (LiteLLM, a
// custom URL) may front paid models and is not counted; nor are the CLI sign-ins, which bill the
// user's subscription.
import { resolveProviderKey } from '../providers/catalog';

const SELF_HOSTED = new Set(['ollama', 'lmstudio', 'llamacpp', 'sglang', 'vllm', 'osaurus']);

export function runsModelItself(providerKey: string): boolean {
  try {
    return SELF_HOSTED.has(resolveProviderKey(providerKey).entry.key);
  } catch {
    return false;
  }
}
