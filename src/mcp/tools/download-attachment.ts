import { downloadAttachmentArgs } from '../../shared/tool-schemas';
import type { ToolDefinition } from './tool';

export const downloadAttachmentTool: ToolDefinition = {
  name: 'download_attachment',
  title: 'Download an attachment',
  description:
    "Save the attachments of a message (or the one named by attachment_file_id) into Switchboard's inbox and return their local paths, so you can read them.",
  schema: downloadAttachmentArgs,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
};
