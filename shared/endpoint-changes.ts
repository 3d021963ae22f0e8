// How a change of provider, endpoint or proxy is told to the user (the Providers page, the import
// summary, the CLI and the keys_on_hold error say it the same way). Pure, no Node or DOM.
import type { EndpointChange } from './api/profiles';

export function describeChange(change: EndpointChange): string {
  return `the ${change.what} changed from ${change.from} to ${change.to}`;
}

export function describeChanges(changes: EndpointChange[]): string {
  return changes.map(describeChange).join('; ');
}
