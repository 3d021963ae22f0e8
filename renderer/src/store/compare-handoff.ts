// A selection another page hands to Compare (Ollama's "Compare selected"): set it, navigate to
// Compare, and the Compare page takes it once.
import { create } from 'zustand';
import type { Target } from '../../../shared/types';

export interface CompareHandoff {
  targets: Target[];
  oneAtATime: boolean;
}

export const useCompareHandoff = create<{ pending: CompareHandoff | null }>(() => ({ pending: null }));

export function handToCompare(handoff: CompareHandoff): void {
  useCompareHandoff.setState({ pending: handoff });
}

export function takeCompareHandoff(): CompareHandoff | null {
  const { pending } = useCompareHandoff.getState();
  useCompareHandoff.setState({ pending: null });
  return pending;
}
