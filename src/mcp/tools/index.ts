import { downloadAttachmentTool } from './download-attachment';
import { editMessageTool } from './edit-message';
import { fetchMessagesTool } from './fetch-messages';
import { reactTool } from './react';
import { replyTool } from './reply';
import type { ToolDefinition } from './tool';

export const TOOLS: readonly ToolDefinition[] = [
  replyTool,
  reactTool,
  editMessageTool,
  fetchMessagesTool,
  downloadAttachmentTool,
];
