import type { Db } from '../../db/client';
import type { Contact } from '../../db/schema';
import { readRecords, type CsvSource } from '../import/csv-records';
import { upsertContact } from '../queries/contacts';
import { contactEmail } from '../schemas/contacts';

export interface ContactImportReport {
  created: number;
  updated: number;
  rejected: { line: number; error: string }[];
}

const MAX_REJECTED = 100;

/** Numbers stay numbers (`arr` is summed by account health), `true` / `false` booleans, the rest text. */
function attributeValue(raw: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw.slice(0, 500);
}

/**
 * Contacts from CSV: a header row naming `email` (required) and `name`; every other column
 * becomes an attribute (e.g. plan, accountId, arr). Rows update the contact with their email;
 * a bad row is reported with its line and the rest go on. `each` gets every contact written
 * (autopilot enrolment by CSV).
 */
export async function importContacts(db: Db, workspaceId: string, source: CsvSource, each?: (contact: Contact) => Promise<unknown>): Promise<ContactImportReport> {
  const report: ContactImportReport = { created: 0, updated: 0, rejected: [] };
  const reject = (line: number, error: string) => report.rejected.length < MAX_REJECTED && report.rejected.push({ line, error });
  let header: string[] | undefined;
  for await (const rec of readRecords(source)) {
    if ('error' in rec) {
      reject(rec.line, rec.error);
      continue;
    }
    if (!header) {
      header = rec.fields.map((f) => f.trim());
      if (!header.some((h) => h.toLowerCase() === 'email')) throw new Error('no_email_column');
      continue;
    }
    if (rec.fields.every((f) => f.trim() === '')) continue;
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = (rec.fields[i] ?? '').trim()));
    const emailKey = header.find((h) => h.toLowerCase() === 'email')!;
    const email = contactEmail.safeParse(row[emailKey]);
    if (!email.success) {
      reject(rec.line, `"${(row[emailKey] ?? '').slice(0, 100)}" is not an email address`);
      continue;
    }
    const nameKey = header.find((h) => h.toLowerCase() === 'name');
    const attributes: Record<string, string | number | boolean> = {};
    for (const h of header) {
      if (h === emailKey || h === nameKey || !/^[A-Za-z0-9_-]{1,100}$/.test(h) || row[h] === '') continue;
      attributes[h] = attributeValue(row[h]!);
    }
    const { contact, created } = await upsertContact(db, workspaceId, { email: email.data, ...(nameKey && row[nameKey] ? { name: row[nameKey] } : {}), attributes });
    await each?.(contact);
    if (created) report.created++;
    else report.updated++;
  }
  if (!header) throw new Error('no_email_column');
  return report;
}
