// The real chat service in a process of its own, for the kill -9 test (issue #22 §8): it makes a
// profile for the OpenAI-compatible server at argv[2], sends one prompt, prints the conversation id
// as a JSON line, and streams the answer into the history of SWITCHYARD_HOME until it is killed.
import { HostContext } from '../../electron/host/context';
import { chatService } from '../../electron/services/chat';
import { createProfile } from '../../electron/services/profiles';

const baseUrl = process.argv[2]!;
const ctx = new HostContext({
  dataDir: process.env.SWITCHYARD_HOME!,
  keychainService: `Switchyard-test-child-${process.pid}`,
  transport: 'websocket',
  appVersion: '0.0.0-test',
  electronVersion: null,
  env: {},
});
const profile = await createProfile(ctx, { name: 'Slow stream', providerKey: `custom:${baseUrl}` });
const { conversationId, streamId } = await ctx
  .use(chatService)
  .send({ target: { kind: 'profile', profileId: profile.id, model: 'slow-model' }, content: 'Write me a long story' });
process.stdout.write(`${JSON.stringify({ conversationId })}\n`);
await ctx.use(chatService).whenFinished(streamId);
