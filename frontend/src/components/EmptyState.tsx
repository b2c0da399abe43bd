import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-stone-300 bg-white px-4 py-10 text-center">
      <svg className="size-10 text-stone-500" viewBox="0 0 24 24" fill="none" aria-hidden="true">
        <path d="M4 7h16l-1.5 12h-13z" stroke="currentColor" strokeWidth="1.5" />
        <path d="M9 7a3 3 0 0 1 6 0" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children ? <div className="max-w-prose text-stone-700">{children}</div> : null}
      {action}
    </div>
  );
}
