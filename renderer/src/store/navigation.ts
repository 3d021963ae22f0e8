import { create } from 'zustand';

export const PAGES = ['providers', 'chat', 'compare', 'chains', 'ollama', 'settings', 'gateway'] as const;
export type PageId = (typeof PAGES)[number];

interface NavigationState {
  page: PageId;
  aboutOpen: boolean;
  paletteOpen: boolean;
  go(page: PageId): void;
  setAboutOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
}

const STORAGE_KEY = 'switchyard.page';

function initialPage(): PageId {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  return (PAGES as readonly string[]).includes(saved ?? '') ? (saved as PageId) : 'providers';
}

export const useNavigation = create<NavigationState>((set) => ({
  page: initialPage(),
  aboutOpen: false,
  paletteOpen: false,
  go(page) {
    sessionStorage.setItem(STORAGE_KEY, page);
    set({ page });
  },
  setAboutOpen(aboutOpen) {
    set({ aboutOpen });
  },
  setPaletteOpen(paletteOpen) {
    set({ paletteOpen });
  },
}));
