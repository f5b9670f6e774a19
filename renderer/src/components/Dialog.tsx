import type { ReactNode } from 'react';

/**
 * A modal dialog over a backdrop, named by `label`. Escape closes it and only it: the key is
 * marked handled, so a narrow window's drawer underneath stays open (one layer at a time).
 */
export function Dialog({ label, onClose, children }: { label: string; onClose(): void; children: ReactNode }) {
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-label={label}>
        {children}
      </div>
    </div>
  );
}
