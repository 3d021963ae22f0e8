import { MessageSquare, SlidersHorizontal } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Composer } from '../components/chat/Composer';
import { ConversationList } from '../components/chat/ConversationList';
import { MessageList } from '../components/chat/MessageList';
import { EmptyState } from '../components/EmptyState';
import { ModelPicker } from '../components/models/ModelPicker';
import { NumberField, TEMPERATURE_RANGE } from '../components/NumberField';
import { PageHeader } from '../components/PageHeader';
import { useChat } from '../store/chat';
import { preferredModel, useModels } from '../store/models';
import { useNavigation } from '../store/navigation';
import { ErrorCallout } from '../components/ErrorCallout';
import '../components/chat/chat.css';

export function ChatPage() {
  const profiles = useModels((state) => state.profiles);
  const chains = useModels((state) => state.chains);
  const recent = useModels((state) => state.recent);
  const loadTargets = useModels((state) => state.loadTargets);
  const [loaded, setLoaded] = useState(false);
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
    void loadTargets().finally(() => setLoaded(true));
  }, [loadTargets]);

  useEffect(() => {
    void refreshList();
    const last = sessionStorage.getItem('switchyard.chat');
    if (last && !useChat.getState().conversationId) void open(last);
  }, [refreshList, open]);

  // Preselect a model: the one used last, else the first profile with its default (or first listed) model.
  useEffect(() => {
    if (target || !loaded) return;
    const last = recent.find((t) =>
      t.kind === 'profile'
        ? profiles.some((p) => p.id === t.profileId)
        : t.kind === 'chain'
          ? chains.some((c) => c.id === t.chainId)
          : true,
    );
    if (last) return setTarget(last);
    const first = profiles[0];
    if (!first) return;
    let live = true;
    void preferredModel(first).then(
      (model) => live && model && !useChat.getState().target && setTarget({ kind: 'profile', profileId: first.id, model }),
    );
    return () => {
      live = false;
    };
  }, [loaded, target, recent, profiles, chains, setTarget]);

  if (loaded && profiles.length === 0 && chains.length === 0) {
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
      <ConversationList />
      <section className="chat-main" aria-label="Chat">
        <header className="chat-header">
          <ModelPicker label="Chat model" value={target} onChange={setTarget} allowChains />
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
            <NumberField
              label="Temperature"
              {...TEMPERATURE_RANGE}
              placeholder="default"
              value={temperature}
              onChange={(value) => setParams({ temperature: value })}
            />
            <NumberField
              label="Max tokens"
              min={1}
              placeholder="default"
              value={maxTokens}
              onChange={(value) => setParams({ maxTokens: value })}
            />
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
        <ErrorCallout message={error} />
        <Composer />
      </section>
    </div>
  );
}
