// Pure (runs anywhere): what a users:(…) scan needs to share process-name strings between rows.

/** Shares process names between rows (ssParser's users:(…) scan takes one). */
export interface NameInterner {
  intern(text: string, s: number, e: number): string;
}
