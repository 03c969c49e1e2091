import { closedEntryKey, type InboxCursor, type InboxEntry } from '@xianzhi/core';
import { affected, num, NOTIFICATION_COLUMNS, time, toNotification, type Row } from './notification-rows.js';

type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;
type Exec = (sql: string, params?: unknown[]) => Promise<unknown>;

const SHOWN = NOTIFICATION_COLUMNS.split(', ')
  .map((c) => `n.${c}`)
  .join(', ');

/**
 * The inbox as entries (issue 16, finding 5): `entry_key` names the line each notice is shown under
 * (`openEntryKey` when it is recorded: one open line per kind and listing for comments and replies).
 * Reads take the newest notice of each line; reading an open line closes it under a key of its own.
 */
export class NotificationInbox {
  constructor(
    private readonly query: Query,
    private readonly exec: Exec,
  ) {}

  async inbox(recipientId: string, after: InboxCursor | null, limit: number): Promise<InboxEntry[]> {
    const where = after ? 'and (n.created_at < ? or (n.created_at = ? and n.id < ?))' : '';
    const params = after ? [after.createdAt.getTime(), after.createdAt.getTime(), after.id] : [];
    const rows = await this.query(
      `select ${SHOWN},
         (select count(*) from notification c where c.recipient_id = n.recipient_id and c.entry_key = n.entry_key) as entry_size,
         (select count(*) from notification c where c.recipient_id = n.recipient_id and c.entry_key = n.entry_key
            and c.read_at is null) as entry_unread
       from notification n
       where n.recipient_id = ? ${where}
         and not exists (select 1 from notification m where m.recipient_id = n.recipient_id and m.entry_key = n.entry_key
           and (m.created_at > n.created_at or (m.created_at = n.created_at and m.id > n.id)))
       order by n.created_at desc, n.id desc limit ?`,
      [recipientId, ...params, limit],
    );
    return rows.map((r) => ({
      ...toNotification(r),
      readAt: num(r['entry_unread']) > 0 ? null : time(r['read_at']),
      count: num(r['entry_size']),
    }));
  }

  async unreadCount(recipientId: string): Promise<number> {
    const rows = await this.query(
      'select count(distinct entry_key) as n from notification where recipient_id = ? and read_at is null',
      [recipientId],
    );
    return num(rows[0]?.['n'] ?? 0);
  }

  async markRead(recipientId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.query('select entry_key from notification where id = ? and recipient_id = ?', [
      id,
      recipientId,
    ]);
    if (!rows[0]) return false;
    await this.readEntry(recipientId, String(rows[0]['entry_key']), at);
    return true;
  }

  async markAllRead(recipientId: string, at: Date): Promise<number> {
    const open = await this.query(
      "select distinct entry_key from notification where recipient_id = ? and read_at is null and entry_key like 'open:%'",
      [recipientId],
    );
    let marked = 0;
    for (const r of open) marked += await this.readEntry(recipientId, String(r['entry_key']), at);
    return (
      marked +
      affected(
        await this.exec('update notification set read_at = ? where recipient_id = ? and read_at is null', [
          at.getTime(),
          recipientId,
        ]),
      )
    );
  }

  /** Reads the unread notices of an entry; an open entry is closed under its newest notice. Answers how many. */
  private async readEntry(recipientId: string, entryKey: string, at: Date): Promise<number> {
    if (!entryKey.startsWith('open:')) {
      return affected(
        await this.exec(
          'update notification set read_at = ? where recipient_id = ? and entry_key = ? and read_at is null',
          [at.getTime(), recipientId, entryKey],
        ),
      );
    }
    const newest = await this.query(
      `select id from notification where recipient_id = ? and entry_key = ? and read_at is null
       order by created_at desc, id desc limit 1`,
      [recipientId, entryKey],
    );
    if (!newest[0]) return 0;
    return affected(
      await this.exec(
        'update notification set read_at = ?, entry_key = ? where recipient_id = ? and entry_key = ? and read_at is null',
        [at.getTime(), closedEntryKey(String(newest[0]['id'])), recipientId, entryKey],
      ),
    );
  }
}
