// The slot at the end of every model row in the pickers and the palette, for what is known about
// a model beyond its context window and price: capability chips (vision, tools, reasoning) and
// prices from a model dataset are meant to render here. Nothing yet; keep it small and synchronous
// (it renders once per listed model).
import type { ModelInfo } from '../../store/models';

export interface ModelExtrasProps {
  profileId: string;
  model: string;
  /** What the provider's model list said, when the model came from it. */
  info?: ModelInfo;
}

export function ModelExtras(_props: ModelExtrasProps) {
  return null;
}
