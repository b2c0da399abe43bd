import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { type CategoryPreferences, useUpdatePreferences } from "../api/preferences";
import { CHANNELS, type Switches, changedSwitches, switchKey, switchesOf } from "../lib/preferences";

/** One group of three switches per category; only what changed is sent on save. */
export function PreferencesForm({ categories }: { categories: CategoryPreferences[] }) {
  const { t } = useTranslation();
  const update = useUpdatePreferences();
  const [saved, setSaved] = useState(categories);
  const [edited, setEdited] = useState<Switches>(() => switchesOf(categories));
  const changes = changedSwitches(saved, edited);

  const save = () => {
    if (changes.length === 0) return;
    update.mutate(changes, {
      onSuccess: (answer) => {
        setSaved(answer.categories);
        setEdited(switchesOf(answer.categories));
      },
    });
  };

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <FormErrorSummary error={update.error} />
      {saved.map(({ category, locked }) => (
        <fieldset key={category} className="rounded-2xl border border-stone-200 bg-white p-4">
          <legend className="float-left w-full text-lg font-semibold">{t(`notifications.categories.${category}.name`)}</legend>
          <p className="clear-left mb-3 text-sm text-stone-700">
            {t(`notifications.categories.${category}.description`)}
            {locked ? ` ${t("notifications.preferences.locked")}` : null}
          </p>
          <div className="grid grid-cols-3 gap-2">
            {CHANNELS.map((channel) => {
              const key = switchKey(category, channel);
              const id = `pref-${category}-${channel}`;
              return (
                <div
                  key={channel}
                  className="flex min-h-12 items-center gap-2 rounded-lg border border-stone-300 px-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input
                    id={id}
                    type="checkbox"
                    className="size-5 shrink-0 accent-brand-700"
                    checked={edited[key] ?? false}
                    disabled={locked}
                    onChange={(event) => {
                      const on = event.target.checked;
                      setEdited((current) => ({ ...current, [key]: on }));
                    }}
                  />
                  <label htmlFor={id} className="text-sm font-semibold">
                    {t(`notifications.channels.${channel}`)}
                    <span className="sr-only">
                      {" "}
                      ({t(`notifications.categories.${category}.name`)})
                    </span>
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="sticky bottom-18 flex items-center justify-between gap-3 rounded-2xl border border-stone-200 bg-white/95 py-2 pr-2 pl-4 shadow-sm backdrop-blur lg:bottom-4">
        <p className="text-sm text-stone-700" aria-live="polite">
          {changes.length > 0
            ? t("notifications.preferences.unsaved", { count: changes.length })
            : update.isSuccess
              ? t("notifications.preferences.saved")
              : t("notifications.preferences.noChanges")}
        </p>
        <Button type="submit" disabled={changes.length === 0} isLoading={update.isPending}>
          {t("notifications.preferences.save")}
        </Button>
      </div>
    </form>
  );
}
