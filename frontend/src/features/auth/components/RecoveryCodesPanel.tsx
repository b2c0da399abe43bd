import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";

interface RecoveryCodesPanelProps {
  codes: string[];
  onDone: () => void;
}

/** Shown once, right after two-step sign-in is turned on. */
export function RecoveryCodesPanel({ codes, onDone }: RecoveryCodesPanelProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = codes.join("\n");
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text + "\n")}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <h3 ref={heading} tabIndex={-1} className="text-lg font-semibold text-brand-900">
        {t("security.twoFactor.onTitle")}
      </h3>
      <Alert tone="warning">{t("security.twoFactor.recoveryLead")}</Alert>
      <ul aria-label={t("security.twoFactor.recoveryListLabel")} className="grid grid-cols-2 gap-2 font-mono text-base">
        {codes.map((code) => (
          <li key={code} className="rounded bg-stone-100 px-2 py-1 text-center">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={copy}>
          {copied ? t("security.twoFactor.copied") : t("security.twoFactor.copy")}
        </Button>
        <a
          href={download}
          download="soko-recovery-codes.txt"
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 font-semibold"
        >
          {t("security.twoFactor.download")}
        </a>
      </div>
      <Button onClick={onDone}>{t("security.twoFactor.saved")}</Button>
    </div>
  );
}
