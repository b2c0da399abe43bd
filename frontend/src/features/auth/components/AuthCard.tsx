import type { ReactNode } from "react";
import { PageTitle } from "@/components/PageTitle";

interface AuthCardProps {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

export function AuthCard({ title, lead, children, footer }: AuthCardProps) {
  return (
    <div className="mx-auto w-full max-w-md">
      <div className="rounded-2xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
        <PageTitle lead={lead}>{title}</PageTitle>
        {children}
      </div>
      {footer ? <div className="mt-4 flex flex-col items-center gap-2 text-center">{footer}</div> : null}
    </div>
  );
}
