// A section's own result line, next to the button that was pressed, so "Save prices" with a bad
// line says so where the eye already is (not at the top of the page, out of sight).
import { useState } from 'react';

export interface SectionMessage {
  kind: 'ok' | 'error';
  text: string;
}

export function useSectionStatus() {
  const [message, setMessage] = useState<SectionMessage | null>(null);
  return {
    message,
    ok: (text: string) => setMessage({ kind: 'ok', text }),
    fail: (text: string) => setMessage({ kind: 'error', text }),
    clear: () => setMessage(null),
  };
}

export function SectionStatus({ message, testId }: { message: SectionMessage | null; testId?: string }) {
  if (!message) return null;
  return (
    <div
      className={message.kind === 'error' ? 'section-status section-status--error' : 'section-status'}
      role={message.kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {message.text}
    </div>
  );
}
