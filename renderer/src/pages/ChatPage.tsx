import { AlertTriangle, MessageSquare, Plus, Search, Send, SlidersHorizontal, Square, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { MessageList } from '../components/chat/MessageList';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { TargetSelect, useTargetChoices } from '../components/TargetSelect';
import { useChat } from '../store/chat';
import { useNavigation } from '../store/navigation';
import '../components/chat/chat.css';

function Sidebar() {
  const conversations = useChat((state) => state.conversations);
  const conversationId = useChat((state) => state.conversationId);
  const query = useChat((state) => state.query);
  const setQuery = useChat((state) => state.setQuery);
  const open = useChat((state) => state.open);
  const newChat = useChat((state) => state.newChat);
  const remove = useChat((state) => state.remove);
  return (
    <aside className="chat-sidebar" aria-label="Conversations">
      <button type="button" className="button button--primary chat-sidebar__new" onClick={newChat}>
        <Plus size={16} /> New chat
      </button>
      <label className="chat-sidebar__search">
        <Search size={14} aria-hidden="true" />
        <input className="input" placeholder="Search by title" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search conversations" />
      </label>
      <ul className="chat-sidebar__list">
        {conversations.map((c) => (
          <li key={c.id} className={c.id === conversationId ? 'chat-sidebar__item chat-sidebar__item--active' : 'chat-sidebar__item'}>
            <button type="button" className="chat-sidebar__open" onClick={() => void open(c.id)} title={c.problem ? `${c.title}: ${c.problem}` : c.title}>
              {c.problem && <AlertTriangle size={14} aria-label="This conversation has a problem" />} {c.title}
            </button>
            <button type="button" className="icon-button" aria-label={`Delete conversation ${c.title}`} onClick={() => void remove(c.id)}>
              <Trash2 size={14} />
            </button>
          </li>
        ))}
        {conversations.length === 0 && <li className="muted chat-sidebar__empty">{query ? 'No conversation matches.' : 'Conversations appear here.'}</li>}
      </ul>
    </aside>
  );
}

function Composer() {
  const streaming = useChat((state) => Boolean(state.streaming));
  const target = useChat((state) => state.target);
  const send = useChat((state) => state.send);
  const stop = useChat((state) => state.stop);
  const [text, setText] = useState('');
  const ready = Boolean(target && (target.kind !== 'profile' || target.model.trim()));
  const submit = () => {
    if (!text.trim() || !ready || streaming) return;
    void send(text);
    setText('');
  };
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        className="textarea composer__input"
        rows={2}
        placeholder={ready ? 'Message (Enter to send, Shift+Enter for a new line)' : 'Pick a target and a model above first'}
        value={text}
        aria-label="Message"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {streaming ? (
        <button type="button" className="button button--danger" onClick={() => void stop()}>
          <Square size={16} /> Stop
        </button>
      ) : (
        <button type="submit" className="button button--primary" disabled={!ready || !text.trim()}>
          <Send size={16} /> Send
        </button>
      )}
    </form>
  );
}

export function ChatPage() {
  const choices = useTargetChoices();
  const target = useChat((state) => state.target);
  const setTarget = useChat((state) => state.setTarget);
  const system = useChat((state) => state.system);
  const temperature = useChat((state) => state.temperature);
  const maxTokens = useChat((state) => state.maxTokens);
  const setParams = useChat((state) => state.setParams);
  const messages = useChat((state) => state.messages);
  const streaming = useChat((state) => Boolean(state.streaming));
  const error = useChat((state) => state.error);
  const warnings = useChat((state) => state.warnings);
  const refreshList = useChat((state) => state.refreshList);
  const open = useChat((state) => state.open);
  const go = useNavigation((state) => state.go);
  const [showParams, setShowParams] = useState(false);

  useEffect(() => {
    void refreshList();
    const last = sessionStorage.getItem('switchyard.chat');
    if (last && !useChat.getState().conversationId) void open(last);
  }, [refreshList, open]);

  // Preselect the first profile with its default model.
  useEffect(() => {
    if (target || choices.loading) return;
    const first = choices.options.find((o) => o.kind === 'profile');
    if (first && first.kind === 'profile') setTarget({ kind: 'profile', profileId: first.id, model: first.models[0] ?? '' });
  }, [choices, target, setTarget]);

  if (!choices.loading && choices.options.length === 0) {
    return (
      <div className="page">
        <PageHeader title="Chat" subtitle="Talk to any provider, chain or route." />
        <EmptyState
          icon={<MessageSquare size={32} />}
          title="Add a provider to start chatting"
          action={
            <button type="button" className="button button--primary" onClick={() => go('providers')}>
              Go to Providers
            </button>
          }
        >
          Chat talks to any provider profile, chain or route. Add one on the Providers page first.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="chat">
      <Sidebar />
      <section className="chat-main" aria-label="Chat">
        <header className="chat-header">
          <TargetSelect choices={choices} value={target} label="Chat target" onChange={setTarget} />
          <button type="button" className="button button--ghost" aria-expanded={showParams} onClick={() => setShowParams(!showParams)}>
            <SlidersHorizontal size={16} /> Parameters
          </button>
        </header>
        {showParams && (
          <div className="chat-params card">
            <label className="field chat-params__system">
              <span className="field__label">System prompt</span>
              <textarea className="textarea" rows={2} value={system} onChange={(e) => setParams({ system: e.target.value })} />
            </label>
            <label className="field">
              <span className="field__label">Temperature</span>
              <input className="input" type="number" min={0} max={2} step={0.1} placeholder="default" value={temperature} onChange={(e) => setParams({ temperature: e.target.value })} />
            </label>
            <label className="field">
              <span className="field__label">Max tokens</span>
              <input className="input" type="number" min={1} placeholder="default" value={maxTokens} onChange={(e) => setParams({ maxTokens: e.target.value })} />
            </label>
          </div>
        )}
        {warnings.map((w) => (
          <div key={w} className="callout callout--warning">
            {w}
          </div>
        ))}
        {messages.length === 0 && !streaming ? (
          <div className="chat-empty">
            <EmptyState icon={<MessageSquare size={32} />} title="Ask anything">
              Answers stream in with time to first token, tokens per second and cost. Conversations are saved on this computer.
            </EmptyState>
          </div>
        ) : (
          <MessageList />
        )}
        {error && (
          <div className="callout callout--error" role="alert">
            {error}
          </div>
        )}
        <Composer />
      </section>
    </div>
  );
}
