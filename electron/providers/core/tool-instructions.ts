// Tools for providers without native tool calling: the instructions go into the system prompt and
// the model answers with <tool_call> blocks (seed-core.md §5.2 "prompt-guided path", §5.3 layout).
import type { ChatMessage, ToolSpec } from '../traits';

const TOOL_CALL_RULES = [
  '- Inside <tool_call> tags: JSON only. No comments, no explanations.',
  '- Before calling a tool: check history. If same tool+args already returned a result, reuse it.',
  '- After results: answer or proceed. Do not repeat the tool call.',
].join('\n');

export function toolInstructions(tools: ToolSpec[]): string {
  const lines = [
    '## Tool Use Protocol',
    '',
    'Wrap a JSON object in <tool_call></tool_call> tags:',
    '',
    '<tool_call>',
    '{"name": "tool_name", "arguments": {"param": "value"}}',
    '</tool_call>',
    '',
    TOOL_CALL_RULES,
    '',
    'Multiple tool calls per response allowed. Results appear in <tool_result> tags. Continue reasoning until you can give a final answer.',
    '',
    '### Available Tools',
    '',
  ];
  for (const tool of tools) {
    let parameters: string;
    try {
      parameters = JSON.stringify(tool.parameters) ?? '{}';
    } catch {
      parameters = '{}';
    }
    lines.push(`**${tool.name}**: ${tool.description}`, `Parameters: \`${parameters}\``, '');
  }
  return lines.join('\n');
}

/** The first system message gets the instructions (after a blank line), or one is inserted first. */
export function withToolInstructions(messages: ChatMessage[], tools: ToolSpec[]): ChatMessage[] {
  const instructions = toolInstructions(tools);
  const index = messages.findIndex((m) => m.role === 'system');
  if (index === -1) return [{ role: 'system', content: instructions }, ...messages];
  return messages.map((m, i) => (i === index ? { ...m, content: m.content ? `${m.content}\n\n${instructions}` : instructions } : m));
}
