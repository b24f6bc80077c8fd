import type { z } from 'zod';
import type { ToolName } from '../../shared/tool-schemas';

/** How a tool is advertised to Claude Code; the work itself happens in the hub. */
export type ToolDefinition = {
  name: ToolName;
  title: string;
  description: string;
  schema: z.ZodType;
  annotations: {
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    openWorldHint: boolean;
  };
};
