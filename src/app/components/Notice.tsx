import type { ReactNode } from 'react';

/** A message that says what happened and what still works. */
export function Notice({ tone, title, children }: { tone: 'error' | 'info'; title: string; children?: ReactNode }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-lg border p-4 ${tone === 'error' ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100' : 'border-neutral-300 bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900'}`}
    >
      <p className="font-semibold">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}
