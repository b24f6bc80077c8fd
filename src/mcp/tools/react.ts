import { reactArgs } from '../../shared/tool-schemas';
import type { ToolDefinition } from './tool';

export const reactTool: ToolDefinition = {
  name: 'react',
  title: 'React to a message',
  description: 'Add an emoji reaction to a message in a chat, e.g. 👀 to show you are on it.',
  schema: reactArgs,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
};
