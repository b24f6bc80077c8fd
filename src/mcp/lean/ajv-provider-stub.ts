/**
 * Replaces the SDK's `validation/ajv-provider.js` in the helper's bundles (scripts/helper/
 * lean-plugins.ts), so ajv and ajv-formats are not bundled. Constructing the default validator —
 * what the SDK does when no validator is passed — throws, naming why.
 */
import { NO_JSON_SCHEMA_MESSAGE } from './no-json-schema';

/** Stands in for the SDK's class: `new AjvJsonSchemaValidator()` throws. */
export function AjvJsonSchemaValidator(): never {
  throw new Error(NO_JSON_SCHEMA_MESSAGE);
}
