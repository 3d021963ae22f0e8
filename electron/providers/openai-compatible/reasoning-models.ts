// Which models think before they answer, told by name. Thinking spends output tokens before any
// visible text, which changes what a request may say and how much room an answer needs.

/**
 * OpenAI's reasoning models: the o-series and the gpt-5 family, except the gpt-5-chat models
 * (platform.openai.com/docs/guides/reasoning). On Chat Completions they refuse `max_tokens` ("Use
 * 'max_completion_tokens' instead", api-reference/chat/create#chat-create-max_tokens) and any
 * temperature but the default 1 (guides/reasoning, "Limitations").
 */
export function isOpenAIReasoningModel(model: string): boolean {
  return /^(o\d+(?:-|$)|gpt-5(?!-chat)|codex-mini)/i.test(model.trim());
}

/**
 * Any model known to reason before answering, whoever serves it ("openai/o3" on OpenRouter too).
 * A heuristic: a wrong yes costs a few tokens in a connection test, a wrong no shows as a warning.
 */
export function thinksBeforeAnswering(model: string): boolean {
  const name = model.trim().toLowerCase().split('/').at(-1) ?? '';
  return (
    isOpenAIReasoningModel(name) || /deepseek-(reasoner|r1)|^gemini-(2\.5|3)|magistral|qwq|thinking|grok-(3-mini|4)|gpt-oss/.test(name)
  );
}
