// Before sending: whether the conversation, with the message being written, fits the model's
// context window. The host counts it (OpenAI's tokenizer where the model is one of theirs, else
// about four characters a token, marked "≈") against the window the provider or the dataset gives.
// Shown when it will not fit, or when it takes most of the window; silent otherwise.
import { TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ContextCheck } from '../../../../shared/api/models';
import { formatCount } from '../../format';
import { useChat } from '../../store/chat';
import { useModels } from '../../store/models';

/** Typing should not ask the host for a count per key. */
const SETTLE_MS = 350;
/** Above this share of the window, say how much is used before it runs out. */
const NEARLY_FULL = 0.8;

export function ContextWarning() {
  const target = useChat((s) => s.target);
  const conversationId = useChat((s) => s.conversationId);
  const text = useChat((s) => s.draft.text);
  const images = useChat((s) => s.draft.images.length);
  const system = useChat((s) => s.system);
  const maxTokens = useChat((s) => s.maxTokens);
  const turns = useChat((s) => s.messages.length);
  const [check, setCheck] = useState<ContextCheck | null>(null);

  useEffect(() => {
    if (!target || (target.kind === 'profile' && !target.model.trim())) {
      setCheck(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      const reserve = Number(maxTokens);
      useModels
        .getState()
        .contextCheck({
          target,
          ...(conversationId && { conversationId }),
          ...(text.trim() && { content: text }),
          ...(images > 0 && { images }),
          ...(system.trim() && { system }),
          ...(maxTokens !== '' && Number.isInteger(reserve) && reserve > 0 && { maxTokens: reserve }),
        })
        .then(
          (next) => live && setCheck(next),
          // A count that cannot be made is no reason to stop anyone from sending.
          () => live && setCheck(null),
        );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [target, conversationId, text, images, system, maxTokens, turns]);

  if (!check?.contextWindow) return null;
  const nearlyFull = check.tokens + check.reserve > check.contextWindow * NEARLY_FULL;
  if (check.fits && !nearlyFull) return null;
  const counted = `${formatCount(check.tokens, check.estimated)} tokens${check.tokenizer ? ` (counted with ${check.tokenizer})` : ' (estimated: about 4 characters a token)'}`;
  const reserve = check.reserve ? ` plus ${formatCount(check.reserve)} kept for the answer` : '';
  const window = `${formatCount(check.contextWindow)}-token context window${check.limitSource ? ` (${check.limitSource})` : ''}`;
  return check.fits === false ? (
    <div className="composer__note composer__note--warning" role="alert" data-testid="context-warning">
      <TriangleAlert size={14} /> This conversation will not fit {check.model}: {counted}
      {reserve}, for a {window}. Start a new chat, shorten the message, or pick a model with a larger window.
    </div>
  ) : (
    <div className="composer__note" role="status" data-testid="context-nearly-full">
      <TriangleAlert size={14} /> Nearly full: {counted}
      {reserve} of {check.model}’s {window}.
    </div>
  );
}
