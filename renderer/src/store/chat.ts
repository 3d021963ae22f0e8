// The Chat page's state. Streaming text lives in its own small slice, updated at most once per
// animation frame however many deltas arrive, so only the streaming message re-renders.
import { create } from 'zustand';
import type { ConversationSummary, StoredMessage } from '../../../shared/api/history';
import type { Target } from '../../../shared/types';
import { api, errorMessage } from '../api/client';

interface Streaming {
  streamId: string;
  text: string;
  reasoning: string;
}

interface ChatState {
  conversations: ConversationSummary[];
  conversationId: string | null;
  messages: StoredMessage[];
  warnings: string[];
  streaming: Streaming | null;
  target: Target | null;
  system: string;
  temperature: string;
  maxTokens: string;
  error: string | null;
  query: string;
  setTarget(target: Target | null): void;
  setParams(patch: Partial<Pick<ChatState, 'system' | 'temperature' | 'maxTokens'>>): void;
  setQuery(query: string): void;
  refreshList(): Promise<void>;
  open(id: string): Promise<void>;
  newChat(): void;
  send(content: string): Promise<void>;
  regenerate(): Promise<void>;
  stop(): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
}

function params(state: ChatState) {
  return {
    system: state.system.trim() || undefined,
    temperature: state.temperature === '' ? undefined : Number(state.temperature),
    maxTokens: state.maxTokens === '' ? undefined : Number(state.maxTokens),
  };
}

export const useChat = create<ChatState>((set, get) => ({
  conversations: [],
  conversationId: null,
  messages: [],
  warnings: [],
  streaming: null,
  target: null,
  system: '',
  temperature: '',
  maxTokens: '',
  error: null,
  query: '',
  setTarget: (target) => set({ target }),
  setParams: (patch) => set(patch),
  setQuery(query) {
    set({ query });
    void get().refreshList();
  },
  async refreshList() {
    try {
      const { conversations } = await api.invoke('history.list', { query: get().query || undefined });
      set({ conversations });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async open(id) {
    try {
      const { messages, warnings } = await api.invoke('history.load', { id });
      const lastTarget = [...messages].reverse().find((m) => m.target)?.target;
      set({ conversationId: id, messages, warnings, error: null, streaming: null, ...(lastTarget && { target: lastTarget }) });
      sessionStorage.setItem('switchyard.chat', id);
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  newChat() {
    sessionStorage.removeItem('switchyard.chat');
    set({ conversationId: null, messages: [], warnings: [], streaming: null, error: null });
  },
  async send(content) {
    const state = get();
    if (!state.target || state.streaming) return;
    set({ error: null });
    try {
      const started = await api.invoke('chat.send', { conversationId: state.conversationId ?? undefined, target: state.target, content, ...params(state) });
      set((s) => ({ conversationId: started.conversationId, messages: started.userMessage ? [...s.messages, started.userMessage] : s.messages, streaming: { streamId: started.streamId, text: '', reasoning: '' } }));
      sessionStorage.setItem('switchyard.chat', started.conversationId);
      if (!state.conversationId) void get().refreshList();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async regenerate() {
    const state = get();
    if (!state.target || state.streaming || !state.conversationId) return;
    const last = state.messages.at(-1);
    set({ messages: last?.role === 'assistant' ? state.messages.slice(0, -1) : state.messages, error: null });
    try {
      const started = await api.invoke('chat.send', { conversationId: state.conversationId, target: state.target, regenerate: true, ...params(state) });
      set({ streaming: { streamId: started.streamId, text: '', reasoning: '' } });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async stop() {
    const streaming = get().streaming;
    if (streaming) await api.invoke('chat.stop', { streamId: streaming.streamId }).catch((error: unknown) => set({ error: errorMessage(error) }));
  },
  async rename(id, title) {
    await api.invoke('history.rename', { id, title }).catch((error: unknown) => set({ error: errorMessage(error) }));
    await get().refreshList();
  },
  async remove(id) {
    await api.invoke('history.delete', { id }).catch((error: unknown) => set({ error: errorMessage(error) }));
    if (get().conversationId === id) get().newChat();
    await get().refreshList();
  },
}));

// Deltas are gathered and applied once per animation frame.
let pending: { streamId: string; text: string; reasoning: string } | null = null;
let frame = 0;
function applyPending(): void {
  frame = 0;
  const batch = pending;
  pending = null;
  if (!batch) return;
  useChat.setState((state) => (state.streaming?.streamId === batch.streamId ? { streaming: { ...state.streaming, text: state.streaming.text + batch.text, reasoning: state.streaming.reasoning + batch.reasoning } } : state));
}

api.on('chat.delta', ({ streamId, text, reasoning }) => {
  if (pending && pending.streamId === streamId) {
    pending.text += text;
    pending.reasoning += reasoning;
  } else {
    applyPending();
    pending = { streamId, text, reasoning };
  }
  frame ||= requestAnimationFrame(applyPending);
});

api.on('chat.done', ({ streamId, conversationId, message }) => {
  applyPending();
  const state = useChat.getState();
  if (state.streaming?.streamId !== streamId) return;
  useChat.setState({ streaming: null, messages: state.conversationId === conversationId ? [...state.messages, message] : state.messages });
  void state.refreshList();
});

// The host could not deliver this answer's final event: end the stream with the host's reason
// instead of waiting for it forever, and reload the conversation, where the answer was saved.
api.on('app.eventFailed', ({ streamId, message }) => {
  const state = useChat.getState();
  if (!streamId || state.streaming?.streamId !== streamId) return;
  useChat.setState({ streaming: null });
  const reload = state.conversationId ? state.open(state.conversationId) : state.refreshList();
  void reload.then(() => useChat.setState({ error: message }));
});
