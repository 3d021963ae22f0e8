import { Copy, RotateCcw } from 'lucide-react';
import { memo, useState } from 'react';
import type { StoredMessage } from '../../../../shared/api/history';
import { AttemptTimeline } from '../AttemptTimeline';
import { formatCost, formatMs, formatRate, formatTokens, METRIC_HELP } from '../compare/format';
import { Markdown } from '../Markdown';

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button--small button--ghost"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
    >
      <Copy size={14} /> {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

export const MessageView = memo(function MessageView({ message, isLast, onRegenerate }: { message: StoredMessage; isLast: boolean; onRegenerate?: () => void }) {
  if (message.role === 'user') {
    return (
      <div className="message message--user" data-testid="message-user">
        <div className="message__bubble">{message.content}</div>
      </div>
    );
  }
  const m = message.metrics;
  return (
    <div className="message message--assistant" data-testid="message-assistant">
      {message.answeredBy && <div className="message__by muted">{message.answeredBy}</div>}
      {message.reasoning && (
        <details className="message__reasoning">
          <summary>Reasoning</summary>
          <p>{message.reasoning}</p>
        </details>
      )}
      {message.content && <Markdown text={message.content} />}
      {message.status === 'stopped' && <p className="muted message__note">Stopped{message.content ? '' : ' before any text arrived'}.</p>}
      {message.status === 'interrupted' && (
        <p className="muted message__note" data-testid="message-interrupted">
          Interrupted: Switchyard closed while this answer was arriving. This is the part that was saved; regenerate for a whole answer.
        </p>
      )}
      {message.error && (
        <div className="callout callout--error" role="alert" data-testid="message-error">
          <div>{message.error.message}</div>
          {message.error.hint && <div className="message__hint">{message.error.hint}</div>}
        </div>
      )}
      <AttemptTimeline attempts={message.attempts ?? []} />
      <div className="message__footer">
        {m && message.status !== 'error' && (
          <span className="message__metrics muted" data-testid="message-metrics">
            <span title={METRIC_HELP.ttft}>TTFT {formatMs(m.ttftMs)}</span>
            <span title={METRIC_HELP.tokens}>{formatTokens(m)} tokens</span>
            <span title={METRIC_HELP.rate}>{formatRate(m)}</span>
            {m.costUsd !== null && <span title={METRIC_HELP.cost}>{formatCost(m)}</span>}
          </span>
        )}
        <span className="message__actions">
          {message.content && <CopyButton text={message.content} />}
          {isLast && onRegenerate && (
            <button type="button" className="button button--small button--ghost" onClick={onRegenerate}>
              <RotateCcw size={14} /> Regenerate
            </button>
          )}
        </span>
      </div>
    </div>
  );
});

/** The answer being streamed: re-renders on every frame's batch, alone. */
export function StreamingMessage({ text, reasoning }: { text: string; reasoning: string }) {
  return (
    <div className="message message--assistant message--streaming" data-testid="message-streaming">
      {reasoning && !text && <p className="muted">Thinking… ({reasoning.length.toLocaleString()} characters)</p>}
      {text ? <Markdown text={text} /> : !reasoning && <p className="muted">Waiting for the first token…</p>}
    </div>
  );
}
