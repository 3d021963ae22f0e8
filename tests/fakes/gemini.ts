// The Gemini API (ai.google.dev/api/generate-content#method:-models.streamgeneratecontent) as a
// loopback fake: streamGenerateContent with alt=sse, and the model list.
import { startFakeServer, type FakeServer, type Handler, type Reply } from './server';

export function geminiChunk(parts: Array<Record<string, unknown>>, extra: { finishReason?: string; usage?: Record<string, number> } = {}): Record<string, unknown> {
  return { candidates: [{ content: { role: 'model', parts }, index: 0, ...(extra.finishReason && { finishReason: extra.finishReason }) }], ...(extra.usage && { usageMetadata: extra.usage }), modelVersion: 'gemini-fake' };
}

export function geminiSse(chunks: Array<Record<string, unknown>>): string {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join('');
}

export interface FakeGemini extends FakeServer {
  baseUrl: string;
  onStream(model: string, handler: Handler | Reply): void;
}

export async function startFakeGemini(): Promise<FakeGemini> {
  const server = await startFakeServer();
  server.route('GET', '/v1beta/models', { body: { models: [{ name: 'models/gemini-fake', displayName: 'Gemini Fake', inputTokenLimit: 1_048_576, supportedGenerationMethods: ['generateContent', 'countTokens'] }, { name: 'models/embedding-fake', supportedGenerationMethods: ['embedContent'] }] } });
  const onStream = (model: string, handler: Handler | Reply) => server.route('POST', `/v1beta/models/${model}:streamGenerateContent`, handler);
  onStream('gemini-fake', { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [geminiSse([geminiChunk([{ text: 'Hello' }]), geminiChunk([{ text: ' from Gemini' }], { finishReason: 'STOP', usage: { promptTokenCount: 5, candidatesTokenCount: 4, totalTokenCount: 9 } })])] });
  return Object.assign(server, { baseUrl: `${server.url}/v1beta`, onStream });
}
