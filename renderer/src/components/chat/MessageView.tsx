import { Copy, Pencil, RotateCcw } from 'lucide-react';
import { memo, useState } from 'react';
import type { StoredMessage } from '../../../../shared/api/history';
import { AttemptTimeline } from '../AttemptTimeline';
import { METRIC_HELP, metricText } from '../metrics';
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

interface Props {
  message: StoredMessage;
  isLast: boolean;
  onRegenerate?: () => void;
  /** Edit and resend (user turns, when no answer is streaming). */
  onEdit?: () => void;
}

export const MessageView = memo(function MessageView({ message, isLast, onRegenerate, onEdit }: Props) {
  if (message.role === 'user') {
    return (
      <div className="message message--user" data-testid="message-user">
        {message.images && message.images.length > 0 && (
          <div className="message__images">
            {message.images.map((image, index) => (
              <img key={index} src={image} alt={`Attached image ${index + 1}`} />
            ))}
          </div>
        )}
        {message.content && <div className="message__bubble">{message.content}</div>}
        {onEdit && (
          <button type="button" className="button button--small button--ghost message__edit" onClick={onEdit} aria-label="Edit and resend">
            <Pencil size={13} /> Edit
          </button>
        )}
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
            <span title={METRIC_HELP.ttft}>TTFT {metricText.ttft(m)}</span>
            <span title={METRIC_HELP.tokens}>{metricText.tokens(m)} tokens</span>
            <span title={METRIC_HELP.rate}>{metricText.rate(m)}</span>
            <span title={metricText.costHelp(m)} data-testid="message-cost">
              {metricText.cost(m)}
              {m.priceSource && (
                <span className="metric-source">
                  {' '}
                  · {m.priceSource.kind === 'dataset' ? m.priceSource.label.split(' · ')[0] : m.priceSource.label}
                </span>
              )}
            </span>
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
