import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useChat } from '../../store/chat';
import { MessageView, StreamingMessage } from './MessageView';

/**
 * The conversation, virtualised: only the messages on screen are in the DOM, so a conversation of
 * thousands of messages scrolls as smoothly as a short one. Sticks to the bottom while streaming
 * unless the user scrolled up.
 */
export function MessageList() {
  const messages = useChat((state) => state.messages);
  const streaming = useChat((state) => state.streaming);
  const regenerate = useChat((state) => state.regenerate);
  const editMessage = useChat((state) => state.editMessage);
  const parentRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const count = messages.length + (streaming ? 1 : 0);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parentRef.current, estimateSize: () => 120, overscan: 6 });

  useEffect(() => {
    if (stick.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, streaming?.text, virtualizer]);

  return (
    <div
      ref={parentRef}
      className="messages"
      data-testid="message-list"
      onScroll={(event) => {
        const el = event.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index];
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="messages__row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {message ? (
                <MessageView
                  message={message}
                  isLast={item.index === messages.length - 1 && !streaming}
                  onRegenerate={message.role === 'assistant' ? () => void regenerate() : undefined}
                  onEdit={message.role === 'user' && !streaming ? () => editMessage(message) : undefined}
                />
              ) : (
                streaming && <StreamingMessage text={streaming.text} reasoning={streaming.reasoning} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
