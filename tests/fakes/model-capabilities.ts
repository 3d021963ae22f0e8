// An OpenAI-compatible model that can or cannot do each capability the probe checks, as a handler
// for the OpenAI fake's /v1/chat/completions. A model without a capability behaves as real ones do:
// it refuses tools with a 400, silently drops an image, wraps JSON in prose, answers without
// reasoning, and streams no usage.
import type { Capability } from '../../shared/types';
import { chunkJson, errorReply, sseReply, type Usage } from './openai';
import type { Handler } from './server';

interface WireMessage {
  role: string;
  content: string | Array<{ type: string; text?: string; image_url?: { url: string } }>;
}

function stream(events: object[], usage?: Usage): string {
  const all = [chunkJson({ role: 'assistant', content: '' }), ...events];
  if (usage) all.push({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'gpt-fake', choices: [], usage });
  return `${all.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
}

export function modelWith(capabilities: Capability[]): Handler {
  const can = new Set(capabilities);
  return (request) => {
    const body = request.body as { tools?: unknown[]; response_format?: unknown; messages: WireMessage[] };
    const usage = can.has('usage')
      ? {
          prompt_tokens: 12,
          completion_tokens: 3,
          total_tokens: 15,
          ...(can.has('reasoning') && { completion_tokens_details: { reasoning_tokens: 2 } }),
        }
      : undefined;
    const text = (answer: string) => sseReply(stream([chunkJson({ content: answer }), chunkJson({}, 'stop')], usage));
    if (body.tools?.length) {
      if (!can.has('tools')) return errorReply(400, 'This model does not support tools.');
      return sseReply(
        stream(
          [
            chunkJson({
              tool_calls: [{ index: 0, id: 'call_probe', type: 'function', function: { name: 'probe_time', arguments: '{}' } }],
            }),
            chunkJson({}, 'tool_calls'),
          ],
          usage,
        ),
      );
    }
    const last = body.messages.at(-1)!;
    const sawImage =
      Array.isArray(last.content) &&
      last.content.some((part) => part.type === 'image_url' && part.image_url?.url.startsWith('data:image/png;base64,'));
    if (Array.isArray(last.content)) return text(sawImage && can.has('vision') ? 'Red.' : 'I do not see an image.');
    if (body.response_format) return text(can.has('json') ? '{"ok": true}' : 'Sure! Here it is: {"ok": true}');
    if (last.content.includes('9.11')) {
      if (!can.has('reasoning')) return text('9.9');
      return sseReply(
        stream([chunkJson({ reasoning_content: 'Compare tenths: 9 > 1.' }), chunkJson({ content: '9.9' }), chunkJson({}, 'stop')], usage),
      );
    }
    return text('OK');
  };
}
