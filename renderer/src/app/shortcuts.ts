// Keys that work anywhere in the window (Alt+digit for the pages lives in App): Ctrl/Cmd+K for the
// command palette, and Esc to stop what is streaming on the page in view when no dialog, menu or
// list is open to take the Esc itself.
import { useEffect } from 'react';
import { useChat } from '../store/chat';
import { useCompare } from '../store/compare';
import { useNavigation } from '../store/navigation';

/** A dialog, popover or menu is open: its own Esc handling comes first. */
const openLayer = () => document.querySelector('[role="dialog"], [role="menu"], [data-radix-popper-content-wrapper]') !== null;

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const nav = useNavigation.getState();
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        nav.setPaletteOpen(!nav.paletteOpen);
        return;
      }
      if (event.key === 'Escape' && !event.defaultPrevented && !openLayer()) {
        const chat = useChat.getState();
        const compare = useCompare.getState();
        if (nav.page === 'chat' && chat.streaming) void chat.stop();
        else if (nav.page === 'compare' && compare.run?.status === 'running') void compare.stop();
      }
    };
    // Capture: seen before any field or layer handles the key, while an open layer is still in the DOM.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
