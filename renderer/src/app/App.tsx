import { Columns3, Cpu, Info, MessageSquare, Network, Plug, Settings, Workflow } from 'lucide-react';
import { useEffect, type ComponentType } from 'react';
import { AboutDialog } from '../components/AboutDialog';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { CommandPalette } from '../components/palette/CommandPalette';
import { ChainsPage } from '../pages/ChainsPage';
import { ChatPage } from '../pages/ChatPage';
import { ComparePage } from '../pages/ComparePage';
import { GatewayPage } from '../pages/GatewayPage';
import { OllamaPage } from '../pages/OllamaPage';
import { ProvidersPage } from '../pages/ProvidersPage';
import { SettingsPage } from '../pages/SettingsPage';
import { api } from '../api/client';
import { useChat } from '../store/chat';
import { PAGES, useNavigation, type PageId } from '../store/navigation';
import { useGlobalShortcuts } from './shortcuts';
import { applyTheme } from './theme';

interface PageEntry {
  label: string;
  icon: ComponentType<{ size?: number }>;
  component: ComponentType;
}

const PAGE_TABLE: Record<PageId, PageEntry> = {
  providers: { label: 'Providers', icon: Plug, component: ProvidersPage },
  chat: { label: 'Chat', icon: MessageSquare, component: ChatPage },
  compare: { label: 'Compare', icon: Columns3, component: ComparePage },
  chains: { label: 'Chains', icon: Workflow, component: ChainsPage },
  ollama: { label: 'Ollama', icon: Cpu, component: OllamaPage },
  settings: { label: 'Settings', icon: Settings, component: SettingsPage },
  gateway: { label: 'Gateway', icon: Network, component: GatewayPage },
};

/** Alt+1…7 jump between pages (Ctrl+digit belongs to the browser's tabs in browser mode). */
function usePageShortcuts(go: (page: PageId) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      const page = PAGES[index];
      if (page) {
        event.preventDefault();
        go(page);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
}

export function App() {
  const page = useNavigation((state) => state.page);
  const go = useNavigation((state) => state.go);
  const setAboutOpen = useNavigation((state) => state.setAboutOpen);
  usePageShortcuts(go);
  useGlobalShortcuts();
  useEffect(() => {
    api.invoke('settings.get', {}).then(
      ({ settings }) => applyTheme(settings.theme),
      () => undefined,
    );
  }, []);
  // Menu commands from the desktop app (Ctrl/Cmd+, and Ctrl/Cmd+N).
  useEffect(
    () =>
      api.on('app.command', ({ command }) => {
        if (command === 'open-settings') go('settings');
        else {
          useChat.getState().newChat();
          go('chat');
        }
      }),
    [go],
  );
  const Current = PAGE_TABLE[page].component;

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar__brand">
          <span className="sidebar__logo" aria-hidden="true">
            ⇄
          </span>
          <span className="sidebar__name">Switchyard</span>
        </div>
        <ul className="sidebar__list">
          {PAGES.map((id, index) => {
            const { label, icon: Icon } = PAGE_TABLE[id];
            return (
              <li key={id}>
                <button
                  type="button"
                  className={id === page ? 'nav-item nav-item--active' : 'nav-item'}
                  aria-current={id === page ? 'page' : undefined}
                  title={`${label} (Alt+${index + 1})`}
                  onClick={() => go(id)}
                >
                  <Icon size={18} />
                  <span className="nav-item__label">{label}</span>
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" className="nav-item sidebar__about" onClick={() => setAboutOpen(true)}>
          <Info size={18} />
          <span className="nav-item__label">About</span>
        </button>
      </nav>
      <main className="content" id="main">
        <ConnectionBanner />
        {/* Keyed by page: each page opens scrolled to its top, not where the last one was left. */}
        <div className="content__page" key={page} data-testid="page-scroller">
          <Current />
        </div>
      </main>
      <AboutDialog />
      <CommandPalette />
    </div>
  );
}
