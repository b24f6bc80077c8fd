import { migration001 } from './001-initial';

/** Every schema change, in order. Never edit a shipped entry: append a new one. */
export const MIGRATIONS: readonly string[] = [migration001];
