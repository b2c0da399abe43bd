import { useTranslation } from "react-i18next";
import { errorMessage } from "@/lib/error-message";

/** The API's error in the reader's language: the app's shared error texts, not this part's namespace. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => errorMessage(t, error);
}
