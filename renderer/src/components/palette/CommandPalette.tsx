// Ctrl/Cmd+K: one search over pages, actions, conversations, profiles and models. Picking a model
// starts a chat with it; picking a conversation opens it. cmdk gives the list and its keyboard,
// Radix's Dialog the focus trap and Escape.
import * as RadixDialog from '@radix-ui/react-dialog';
import { Command } from 'cmdk';
import { Columns3, Cpu, LayoutGrid, MessageSquare, Network, Play, Plug, Plus, RefreshCw, Settings, Square, Workflow } from 'lucide-react';
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { Target } from '../../../../shared/types';
import { useChat } from '../../store/chat';
import { useModels } from '../../store/models';
import { PAGES, useNavigation, type PageId } from '../../store/navigation';
import { useProviders } from '../../store/providers';
import { SearchCommand, SearchItem, SearchScope } from '../models/search';
import { TargetGroups } from '../models/TargetGroups';
import { ProviderLogo } from '../ProviderLogo';
import '../models/models.css';
import './palette.css';

/** Pages by id; a page added later without an entry here is still listed, by its id. */
const PAGE_ITEMS: Partial<Record<PageId, { label: string; icon: ComponentType<{ size?: number }> }>> = {
  providers: { label: 'Providers', icon: Plug },
  chat: { label: 'Chat', icon: MessageSquare },
  compare: { label: 'Compare', icon: Columns3 },
  chains: { label: 'Chains', icon: Workflow },
  ollama: { label: 'Ollama', icon: Cpu },
  settings: { label: 'Settings', icon: Settings },
  gateway: { label: 'Gateway', icon: Network },
};

function Item({
  value,
  keywords,
  onSelect,
  children,
  hint,
}: {
  value: string;
  keywords?: string[];
  onSelect(): void;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <SearchItem value={value} keywords={keywords} onSelect={onSelect} className="model-item">
      {children}
      {hint && <span className="model-item__meta">{hint}</span>}
    </SearchItem>
  );
}

export function CommandPalette() {
  const open = useNavigation((s) => s.paletteOpen);
  const setOpen = useNavigation((s) => s.setPaletteOpen);
  const go = useNavigation((s) => s.go);
  const conversations = useChat((s) => s.conversations);
  const streaming = useChat((s) => Boolean(s.streaming));
  const profiles = useModels((s) => s.profiles);
  const [search, setSearch] = useState('');

  useEffect(() => {
    if (!open) return setSearch('');
    void useChat.getState().refreshList();
  }, [open]);

  const run = (action: () => void) => {
    setOpen(false);
    action();
  };
  const chatWith = (target: Target) =>
    run(() => {
      useChat.getState().newChat();
      useChat.getState().setTarget(target);
      go('chat');
    });

  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="palette" aria-label="Command palette" aria-describedby={undefined}>
          <RadixDialog.Title className="sr-only">Command palette</RadixDialog.Title>
          <SearchCommand label="Command palette" loop>
            <Command.Input
              className="palette__search"
              placeholder="Go to a page, open a conversation, chat with a model…"
              value={search}
              onValueChange={setSearch}
              aria-label="Search commands"
            />
            <Command.List className="palette__list">
              <SearchScope search={search}>
                <Command.Group heading="Pages">
                  {PAGES.map((page, index) => {
                    const { label, icon: Icon } = PAGE_ITEMS[page] ?? {
                      label: page.charAt(0).toUpperCase() + page.slice(1),
                      icon: LayoutGrid,
                    };
                    return (
                      <Item
                        key={page}
                        value={`Go to ${label}`}
                        keywords={['page']}
                        hint={`Alt+${index + 1}`}
                        onSelect={() => run(() => go(page))}
                      >
                        <Icon size={15} /> <span className="model-item__name">{label}</span>
                      </Item>
                    );
                  })}
                </Command.Group>
                <Command.Group heading="Actions">
                  <Item value="New chat" onSelect={() => run(() => (useChat.getState().newChat(), go('chat')))}>
                    <Plus size={15} /> <span className="model-item__name">New chat</span>
                  </Item>
                  {streaming && (
                    <Item
                      value="Stop the answer"
                      keywords={['cancel']}
                      hint="Esc"
                      onSelect={() => run(() => void useChat.getState().stop())}
                    >
                      <Square size={15} /> <span className="model-item__name">Stop the answer</span>
                    </Item>
                  )}
                  <Item
                    value="Test all providers"
                    keywords={['connection', 'check']}
                    onSelect={() => run(() => (go('providers'), void useProviders.getState().testAll()))}
                  >
                    <RefreshCw size={15} /> <span className="model-item__name">Test all providers</span>
                  </Item>
                </Command.Group>
                {conversations.length > 0 && (
                  <Command.Group heading="Conversations">
                    {conversations.slice(0, 50).map((c) => (
                      <Item
                        key={c.id}
                        value={`conversation ${c.title} ${c.id}`}
                        keywords={['chat']}
                        onSelect={() => run(() => (void useChat.getState().open(c.id), go('chat')))}
                      >
                        <MessageSquare size={15} /> <span className="model-item__name">{c.title}</span>
                      </Item>
                    ))}
                  </Command.Group>
                )}
                {profiles.length > 0 && (
                  <Command.Group heading="Test a provider">
                    {profiles.map((p) => (
                      <Item
                        key={p.id}
                        value={`test ${p.name}`}
                        keywords={[p.providerName, 'provider', 'profile']}
                        onSelect={() => run(() => (go('providers'), void useProviders.getState().test(p.id)))}
                      >
                        <ProviderLogo keys={[p.providerKey, p.adapter]} local={p.local} size={15} />{' '}
                        <span className="model-item__name">Test {p.name}</span>
                        <span className="model-item__meta">{p.providerName}</span>
                        <Play size={13} className="model-item__check" />
                      </Item>
                    ))}
                  </Command.Group>
                )}
                {/* Models last: picking one starts a chat with it. */}
                {open && <TargetGroups search={search} onPick={chatWith} allowChains />}
              </SearchScope>
            </Command.List>
          </SearchCommand>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
