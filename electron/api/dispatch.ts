// The single entry point both transports call: validate the input, run the handler, validate the
// result, and turn every failure into a structured, scrubbed error envelope.
import type { z } from 'zod';
import { isMethodName, methods, type MethodName } from '../../shared/api';
import type { Envelope } from '../../shared/contract';
import { AppError } from '../errors';
import { toApiError } from '../host/api-error';
import type { HostContext } from '../host/context';
import { handlers } from './handlers';

function describeIssues(error: z.ZodError): { message: string; issues: Array<{ path: string; message: string }> } {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { message, issues };
}

/**
 * Deeper input than this is refused before validation: no method's input comes close, and the
 * validators and the config writer recurse, so a hostile 5,000-level value would overflow the stack.
 */
export const MAX_INPUT_DEPTH = 64;

/** True when `value` nests objects or arrays deeper than `limit`; iterative, so it cannot overflow. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const item of Object.values(current)) stack.push({ value: item, depth: depth + 1 });
  }
  return false;
}

export async function dispatch(ctx: HostContext, method: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `There is no API method called ${JSON.stringify(method)}.` } };
  }
  const spec = methods[method];
  if (nestsDeeperThan(input, MAX_INPUT_DEPTH)) {
    return {
      ok: false,
      error: toApiError(
        new AppError('invalid_input', `Invalid input for ${method}: it is nested more than ${MAX_INPUT_DEPTH} levels deep.`),
      ),
    };
  }
  const parsedInput = spec.input.safeParse(input ?? {});
  if (!parsedInput.success) {
    const { message, issues } = describeIssues(parsedInput.error);
    return { ok: false, error: toApiError(new AppError('invalid_input', `Invalid input for ${method}: ${message}`, { issues })) };
  }
  try {
    const handler = handlers[method] as (ctx: HostContext, input: unknown) => unknown;
    const result = await handler(ctx, parsedInput.data);
    // Parsing the result also strips any field the contract does not declare, so nothing the
    // handler picked up by accident (a key, a raw response) reaches the renderer.
    const parsedResult = spec.result.safeParse(result);
    if (!parsedResult.success) {
      const { message } = describeIssues(parsedResult.error);
      return {
        ok: false,
        error: toApiError(new AppError('invalid_result', `The host produced an invalid result for ${method}: ${message}`)),
      };
    }
    return { ok: true, result: parsedResult.data };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

export type { MethodName };
