/**
 * The helper validates no JSON Schemas. The SDK's server uses a JSON Schema validator (ajv by
 * default, 100 KB and ~8 ms of every start) for one thing only: checking a client's answer to
 * `elicitInput` against the form's schema — and the helper never asks for input. The helper's
 * builds leave ajv out, so whatever would have used it fails loudly instead of skipping checks.
 */
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';

export const NO_JSON_SCHEMA_MESSAGE =
  'switchboard-mcp carries no JSON Schema validator (ajv is left out of the helper): elicitation forms and other schema-validated requests are not supported';

/** Passed to the SDK's Server: any attempt to validate against a JSON Schema throws. */
export const noJsonSchemaValidator: jsonSchemaValidator = {
  getValidator() {
    throw new Error(NO_JSON_SCHEMA_MESSAGE);
  },
};
