/** Pages through a cursor list (`after` = the previous page's `last_id`) to its end. */
export function collectPages<T>(page: (after?: string) => { data: T[]; has_more: boolean; last_id: string | null }): T[] {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const p = page(after);
    out.push(...p.data);
    if (!p.has_more || !p.last_id) return out;
    after = p.last_id;
  }
}
