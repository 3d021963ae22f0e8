import type { chatMethods } from '../../../shared/api/chat';
import { chatService } from '../../services/chat';
import type { DomainHandlers } from './types';

export const chatHandlers: DomainHandlers<typeof chatMethods> = {
  'chat.send': (ctx, input) => ctx.use(chatService).send(input),
  'chat.stop': (ctx, { streamId }) => {
    ctx.use(chatService).stop(streamId);
    return { ok: true };
  },
};
