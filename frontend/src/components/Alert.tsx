import type { ReactNode } from "react";

type Tone = "info" | "success" | "warning" | "error";

const TONES: Record<Tone, string> = {
  info: "border-sky-300 bg-sky-50 text-sky-950",
  success: "border-brand-200 bg-brand-50 text-brand-900",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  error: "border-red-300 bg-red-50 text-red-950",
};

interface AlertProps {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  className?: string;
}

/** Errors interrupt screen readers (role alert); the other tones are read when convenient. */
export function Alert({ tone = "info", title, children, className = "" }: AlertProps) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg border p-3 ${TONES[tone]} ${className}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className="text-sm">{children}</div> : null}
    </div>
  );
}
