import { AuditLog } from './audit';
import { ChatStore } from './chats';
import { openDatabase, type Db } from './db';
import { DeliveryStore } from './deliveries';
import { FileStore } from './files';
import { KeyValueStore } from './kv';
import { MessageStore } from './messages';
import { PairingStore } from './pairings';
import { PermissionStore } from './permissions';
import { SenderStore } from './senders';
import { SessionStore } from './sessions';
import { WebSessionStore } from './web-sessions';

/** All tables of the hub behind one handle, opened once at start. */
export type Store = {
  db: Db;
  messages: MessageStore;
  deliveries: DeliveryStore;
  chats: ChatStore;
  sessions: SessionStore;
  permissions: PermissionStore;
  files: FileStore;
  senders: SenderStore;
  pairings: PairingStore;
  kv: KeyValueStore;
  audit: AuditLog;
  webSessions: WebSessionStore;
  close: () => void;
};

export function openStore(path: string, now: () => number): Store {
  const db = openDatabase(path);
  return {
    db,
    messages: new MessageStore(db),
    deliveries: new DeliveryStore(db),
    chats: new ChatStore(db),
    sessions: new SessionStore(db),
    permissions: new PermissionStore(db),
    files: new FileStore(db),
    senders: new SenderStore(db),
    pairings: new PairingStore(db),
    kv: new KeyValueStore(db),
    audit: new AuditLog(db, now),
    webSessions: new WebSessionStore(db),
    close: () => db.close(),
  };
}
