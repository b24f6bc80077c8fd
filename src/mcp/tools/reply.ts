import { replyArgs } from '../../shared/tool-schemas';
import type { ToolDefinition } from './tool';

export const replyTool: ToolDefinition = {
  name: 'reply',
  title: 'Reply in a chat',
  description:
    'Send a message to a chat that reached you through a <channel source="switchboard"> event. The sender reads their chat app, not this terminal: anything they should see must go through this tool. Returns the id of the sent message.',
  schema: replyArgs,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
};
