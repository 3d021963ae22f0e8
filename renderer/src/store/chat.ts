// The Chat page's state. Streaming text lives in its own small slice, updated at most once per
// animation frame however many deltas arrive, so only the streaming message re-renders.
//
// A message is never lost: the composer's text (and images) stay in `draft` until the host has
// taken the turn. While the host is unreachable the turn waits (`waiting`), the composer says so,
// and it goes out by itself when the connection is back, unless the person cancels it.
import { create } from 'zustand';
import type { ConversationSummary, StoredMessage } from '../../../shared/api/history';
import { ApiCallError } from '../../../shared/contract';
import type { Target } from '../../../shared/types';
import { api, errorMessage } from '../api/client';
import { useConnection } from './connection';

interface Streaming {
  streamId: string;
  text: string;
  reasoning: string;
}

export interface Draft {
  text: string;
  images: string[];
  /** Edit and resend: the user message this draft replaces. */
  editOf?: string;
}

const EMPTY_DRAFT: Draft = { text: '', images: [] };

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
  draft: Draft;
  /** The draft is waiting for the host to be reachable again. */
  waiting: boolean;
  /** Conversations deleted a moment ago, still restorable (Undo). */
  deleted: ConversationSummary[];
  setTarget(target: Target | null): void;
  setParams(patch: Partial<Pick<ChatState, 'system' | 'temperature' | 'maxTokens'>>): void;
  setQuery(query: string): void;
  setDraft(patch: Partial<Draft>): void;
  refreshList(): Promise<void>;
  open(id: string): Promise<void>;
  newChat(): void;
  send(): Promise<void>;
  cancelWaiting(): void;
  editMessage(message: StoredMessage): void;
  regenerate(): Promise<void>;
  stop(): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): void;
  undoRemove(id: string): void;
  commitRemove(id: string): Promise<void>;
}

function params(state: ChatState) {
  return {
    system: state.system.trim() || undefined,
    temperature: state.temperature === '' ? undefined : Number(state.temperature),
    maxTokens: state.maxTokens === '' ? undefined : Number(state.maxTokens),
  };
}

const isDisconnected = (error: unknown) => error instanceof ApiCallError && error.code === 'disconnected';

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
  draft: EMPTY_DRAFT,
  waiting: false,
  deleted: [],
  setTarget: (target) => set({ target }),
  setParams: (patch) => set(patch),
  setQuery(query) {
    set({ query });
    void get().refreshList();
  },
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  async refreshList() {
    try {
      const { conversations } = await api.invoke('history.list', { query: get().query || undefined });
      const deleted = new Set(get().deleted.map((c) => c.id));
      set({ conversations: conversations.filter((c) => !deleted.has(c.id)) });
    } catch (error) {
      if (!isDisconnected(error)) set({ error: errorMessage(error) });
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
    set((s) => ({
      conversationId: null,
      messages: [],
      warnings: [],
      streaming: null,
      error: null,
      draft: { ...s.draft, editOf: undefined },
    }));
  },
  async send() {
    const state = get();
    const { draft } = state;
    if (!state.target || state.streaming || (!draft.text.trim() && draft.images.length === 0)) return;
    if (useConnection.getState().status !== 'open') {
      set({ waiting: true, error: null });
      return;
    }
    set({ error: null, waiting: false });
    try {
      const started = await api.invoke('chat.send', {
        conversationId: state.conversationId ?? undefined,
        target: state.target,
        content: draft.text,
        ...(draft.images.length > 0 && { images: draft.images }),
        ...(draft.editOf && { editOf: draft.editOf }),
        ...params(state),
      });
      set((s) => {
        // An edited turn replaces itself and everything after it.
        const cut = draft.editOf ? s.messages.findIndex((m) => m.id === draft.editOf) : -1;
        const kept = cut === -1 ? s.messages : s.messages.slice(0, cut);
        return {
          conversationId: started.conversationId,
          messages: started.userMessage ? [...kept, started.userMessage] : kept,
          streaming: { streamId: started.streamId, text: '', reasoning: '' },
          // Only now, with the turn in the host's hands, does the composer empty.
          draft: s.draft === draft ? EMPTY_DRAFT : s.draft,
        };
      });
      sessionStorage.setItem('switchyard.chat', started.conversationId);
      void get().refreshList();
    } catch (error) {
      if (isDisconnected(error)) set({ waiting: true });
      else set({ error: errorMessage(error) });
    }
  },
  cancelWaiting: () => set({ waiting: false }),
  editMessage(message) {
    set({ draft: { text: message.content, images: message.images ?? [], editOf: message.id }, waiting: false });
  },
  async regenerate() {
    const state = get();
    if (!state.target || state.streaming || !state.conversationId) return;
    const last = state.messages.at(-1);
    set({ messages: last?.role === 'assistant' ? state.messages.slice(0, -1) : state.messages, error: null });
    try {
      const started = await api.invoke('chat.send', {
        conversationId: state.conversationId,
        target: state.target,
        regenerate: true,
        ...params(state),
      });
      set({ streaming: { streamId: started.streamId, text: '', reasoning: '' } });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async stop() {
    const streaming = get().streaming;
    if (streaming)
      await api.invoke('chat.stop', { streamId: streaming.streamId }).catch((error: unknown) => set({ error: errorMessage(error) }));
  },
  async rename(id, title) {
    set((s) => ({ conversations: s.conversations.map((c) => (c.id === id ? { ...c, title } : c)) }));
    await api.invoke('history.rename', { id, title }).catch((error: unknown) => set({ error: errorMessage(error) }));
    await get().refreshList();
  },
  // Deleting hides the conversation at once and offers Undo; the file goes when the offer ends.
  remove(id) {
    const conversation = get().conversations.find((c) => c.id === id);
    if (!conversation) return;
    set((s) => ({ conversations: s.conversations.filter((c) => c.id !== id), deleted: [...s.deleted, conversation] }));
    if (get().conversationId === id) get().newChat();
  },
  undoRemove(id) {
    set((s) => ({ deleted: s.deleted.filter((c) => c.id !== id) }));
    void get().refreshList();
  },
  async commitRemove(id) {
    if (!get().deleted.some((c) => c.id === id)) return;
    set((s) => ({ deleted: s.deleted.filter((c) => c.id !== id) }));
    await api.invoke('history.delete', { id }).catch((error: unknown) => set({ error: errorMessage(error) }));
    await get().refreshList();
  },
}));

// Back online: a waiting turn goes out, and a stream whose end was missed is read from history.
let wasLost = false;
useConnection.subscribe(({ status }) => {
  if (status === 'lost') wasLost = true;
  if (status !== 'open' || !wasLost) return;
  wasLost = false;
  const state = useChat.getState();
  if (state.streaming && state.conversationId) void state.open(state.conversationId);
  if (state.waiting) void state.send();
});

// Deltas are gathered and applied once per animation frame.
let pending: { streamId: string; text: string; reasoning: string } | null = null;
let frame = 0;
function applyPending(): void {
  frame = 0;
  const batch = pending;
  pending = null;
  if (!batch) return;
  useChat.setState((state) =>
    state.streaming?.streamId === batch.streamId
      ? {
          streaming: {
            ...state.streaming,
            text: state.streaming.text + batch.text,
            reasoning: state.streaming.reasoning + batch.reasoning,
          },
        }
      : state,
  );
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
