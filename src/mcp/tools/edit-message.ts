import { editMessageArgs } from '../../shared/tool-schemas';
import type { ToolDefinition } from './tool';

export const editMessageTool: ToolDefinition = {
  name: 'edit_message',
  title: 'Edit a sent message',
  description:
    'Replace the text of a message you sent earlier with reply (for progress updates). Only your own messages can be edited.',
  schema: editMessageArgs,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
};
