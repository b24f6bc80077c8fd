import { migration001 } from './001-initial';
import { migration002 } from './002-access';
import { migration003 } from './003-state';
import { migration004 } from './004-hardening';
import { migration008 } from './008-conversation-reads';
import { migration009 } from './009-delivery';
import { migration005 } from './005-policy';
import { migration010 } from './010-remotes';

/** Every schema change, in order. Never edit a shipped entry: append a new one. */
export const MIGRATIONS: readonly string[] = [
  migration001,
  migration002,
  migration003,
  migration009,
  migration008,
  migration005,
  migration004,
  migration010,
];
