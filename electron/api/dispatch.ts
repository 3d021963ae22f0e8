// The single entry point both transports call: validate the input, run the handler, validate the
// result, and turn every failure into a structured, scrubbed error envelope.
import type { z } from 'zod';
import { isMethodName, methods, type MethodName } from '../../shared/api';
import type { Envelope } from '../../shared/contract';
import { AppError, toApiError } from '../errors';
import type { HostContext } from './context';
import { handlers } from './handlers';

function describeIssues(error: z.ZodError): { message: string; issues: Array<{ path: string; message: string }> } {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { message, issues };
}

export async function dispatch(ctx: HostContext, method: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `There is no API method called ${JSON.stringify(method)}.` } };
  }
  const spec = methods[method];
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
      return { ok: false, error: toApiError(new AppError('invalid_result', `The host produced an invalid result for ${method}: ${message}`)) };
    }
    return { ok: true, result: parsedResult.data };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

export type { MethodName };
