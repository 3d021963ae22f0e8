// The conversation list beside the chat: search (titles and message text), open, rename in place,
// and delete with Undo. Each row's actions sit in a menu button that Tab reaches like any other.
import * as Menu from '@radix-ui/react-dropdown-menu';
import { AlertTriangle, MoreHorizontal, Pencil, Plus, Search, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../../shared/api/history';
import { useChat } from '../../store/chat';

function RenameField({ conversation, onDone }: { conversation: ConversationSummary; onDone(): void }) {
  const rename = useChat((state) => state.rename);
  const [title, setTitle] = useState(conversation.title);
  const save = () => {
    const next = title.trim();
    if (next && next !== conversation.title) void rename(conversation.id, next);
    onDone();
  };
  return (
    <input
      className="input chat-sidebar__rename"
      aria-label={`New title for ${conversation.title}`}
      value={title}
      maxLength={200}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') save();
        if (e.key === 'Escape') {
          e.stopPropagation();
          onDone();
        }
      }}
    />
  );
}

function ConversationRow({ conversation, active }: { conversation: ConversationSummary; active: boolean }) {
  const open = useChat((state) => state.open);
  const remove = useChat((state) => state.remove);
  const [renaming, setRenaming] = useState(false);
  // Radix gives focus back to the menu button when the menu closes; after Rename that would take it
  // from the new title field, whose blur saves and closes it (a race a busy machine loses).
  const renameChosen = useRef(false);
  return (
    <li
      className={active ? 'chat-sidebar__item chat-sidebar__item--active' : 'chat-sidebar__item'}
      data-testid={`conversation-${conversation.title}`}
    >
      {renaming ? (
        <RenameField conversation={conversation} onDone={() => setRenaming(false)} />
      ) : (
        <button
          type="button"
          className="chat-sidebar__open"
          onClick={() => void open(conversation.id)}
          title={conversation.problem ? `${conversation.title}: ${conversation.problem}` : conversation.title}
          aria-current={active ? 'true' : undefined}
        >
          <span className="chat-sidebar__title">
            {conversation.problem && <AlertTriangle size={14} aria-label="This conversation has a problem" />} {conversation.title}
          </span>
          {conversation.snippet && <span className="chat-sidebar__snippet">{conversation.snippet}</span>}
        </button>
      )}
      <Menu.Root>
        <Menu.Trigger className="icon-button chat-sidebar__menu" aria-label={`Actions for ${conversation.title}`}>
          <MoreHorizontal size={16} />
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content
            className="menu"
            align="end"
            sideOffset={4}
            onCloseAutoFocus={(event) => {
              if (!renameChosen.current) return;
              renameChosen.current = false;
              event.preventDefault();
            }}
          >
            <Menu.Item
              className="menu__item"
              onSelect={() => {
                renameChosen.current = true;
                setRenaming(true);
              }}
            >
              <Pencil size={14} /> Rename
            </Menu.Item>
            <Menu.Item className="menu__item menu__item--danger" onSelect={() => remove(conversation.id)}>
              <Trash2 size={14} /> Delete
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    </li>
  );
}

/** "Deleted ‘…’ · Undo" for a few seconds; the conversation is deleted for good when it goes. */
function UndoDelete() {
  const deleted = useChat((state) => state.deleted);
  const undoRemove = useChat((state) => state.undoRemove);
  const commitRemove = useChat((state) => state.commitRemove);
  const last = deleted.at(-1);
  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(() => void commitRemove(last.id), 8000);
    return () => clearTimeout(timer);
  }, [last, commitRemove]);
  // Earlier deletions, overtaken by a newer one, go at once.
  useEffect(() => {
    for (const conversation of deleted.slice(0, -1)) void commitRemove(conversation.id);
  }, [deleted, commitRemove]);
  if (!last) return null;
  return (
    <div className="toast" role="status" data-testid="undo-delete">
      <span>
        Deleted “<span className="toast__subject">{last.title}</span>”.
      </span>
      <button type="button" className="button button--small" onClick={() => undoRemove(last.id)}>
        Undo
      </button>
      <button type="button" className="icon-button" aria-label="Delete now" title="Delete now" onClick={() => void commitRemove(last.id)}>
        ×
      </button>
    </div>
  );
}

export function ConversationList() {
  const conversations = useChat((state) => state.conversations);
  const conversationId = useChat((state) => state.conversationId);
  const query = useChat((state) => state.query);
  const setQuery = useChat((state) => state.setQuery);
  const newChat = useChat((state) => state.newChat);
  return (
    <aside className="chat-sidebar" aria-label="Conversations">
      <button type="button" className="button button--primary chat-sidebar__new" onClick={newChat}>
        <Plus size={16} /> New chat
      </button>
      <label className="chat-sidebar__search">
        <Search size={14} aria-hidden="true" />
        <input
          className="input"
          type="search"
          placeholder="Search conversations"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search conversations"
        />
      </label>
      <ul className="chat-sidebar__list">
        {conversations.map((c) => (
          <ConversationRow key={c.id} conversation={c} active={c.id === conversationId} />
        ))}
        {conversations.length === 0 && (
          <li className="muted chat-sidebar__empty">{query ? 'No conversation mentions that.' : 'Conversations appear here.'}</li>
        )}
      </ul>
      <UndoDelete />
    </aside>
  );
}
