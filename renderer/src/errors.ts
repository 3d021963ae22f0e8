// The words for an error caught in the UI. Apart from the API client so that pages and components,
// which may not import the client, can still show what went wrong.
import { ApiCallError } from '../../shared/contract';

/** A message for an error caught in the UI, whatever it is. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
