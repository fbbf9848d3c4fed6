/** Words the leads pages show for stored values. Pure: safe in server and client components. */
export const LEAD_STATUS_LABELS = {
  new: 'New',
  contacted: 'Contacted',
  replied: 'Replied',
  interested: 'Interested',
  not_interested: 'Not interested',
  bounced: 'Bounced',
  unsubscribed: 'Unsubscribed',
  converted: 'Converted',
} as const;
export type TStatus = keyof typeof LEAD_STATUS_LABELS;
export const LEAD_STATUS_LIST = Object.keys(LEAD_STATUS_LABELS) as TStatus[];

export const INTENT_LABELS = { hot: 'Hot', warm: 'Warm', cold: 'Cold' } as const;
export const FIT_LABELS = { hot: 'Hot fit', review: 'Review', rejected: 'Rejected', unscored: 'Not scored' } as const;

export const SUPPRESSION_REASON_LABELS: Record<string, string> = {
  manual: 'Added by hand',
  import: 'Import',
  unsubscribe: 'Unsubscribed',
  hard_bounce: 'Hard bounce',
  complaint: 'Spam complaint',
  opt_out: 'Opted out',
};

export const CUSTOM_TYPE_LABELS = { text: 'Text', number: 'Number', date: 'Date', url: 'URL' } as const;

export const DEDUPE_LABELS = {
  skip: { label: 'Skip', hint: 'Keep the existing lead as it is; count the row as a duplicate.' },
  fill_empty: { label: 'Update empty fields', hint: 'Fill in only what the existing lead is missing.' },
  overwrite: { label: 'Overwrite', hint: 'Replace the existing lead’s fields with the file’s non-empty values.' },
} as const;

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A lead's display name: full name, else first + last, else email, else "Unnamed lead". */
export function leadName(l: { fullName?: string | null; firstName?: string | null; lastName?: string | null; email?: string | null }): string {
  return l.fullName?.trim() || [l.firstName, l.lastName].filter(Boolean).join(' ').trim() || l.email || 'Unnamed lead';
}
