import { fetchMessagesArgs } from '../../shared/tool-schemas';
import type { ToolDefinition } from './tool';

export const fetchMessagesTool: ToolDefinition = {
  name: 'fetch_messages',
  title: 'Read recent messages of a chat',
  description:
    'Return recent messages of a chat, oldest first, one line each with id, time and sender — to catch up on context.',
  schema: fetchMessagesArgs,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
};
