import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button, buttonClasses } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { MAX_IMAGES, MAX_IMAGE_BYTES, isImageType, useRemoveImage, useReorderImages, useUploadImage } from "../api/images";
import type { Product } from "../api/types";
import { ProgressBar } from "./ProgressBar";

interface Upload {
  id: number;
  name: string;
  fraction: number;
}

function moved(keys: readonly string[], from: number, to: number): string[] {
  const next = [...keys];
  const [key] = next.splice(from, 1);
  if (key !== undefined) next.splice(to, 0, key);
  return next;
}

/**
 * The product's images: uploaded straight to S3 with a progress bar each, put in order (the
 * first is the cover), removed after a confirmation.
 */
export function ImageManager({ product, canWrite }: { product: Product; canWrite: boolean }) {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const inputId = useId();
  const upload = useUploadImage(product.id);
  const reorder = useReorderImages(product.id);
  const remove = useRemoveImage(product.id);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<number | null>(null);
  const images = product.images;
  const keys = images.map((image) => image.key);
  const room = MAX_IMAGES - images.length - uploads.length;

  const choose = async (files: File[]) => {
    const found: string[] = [];
    const accepted = files.filter((file) => {
      if (!isImageType(file.type)) found.push(t("images.wrongType", { name: file.name }));
      else if (file.size > MAX_IMAGE_BYTES) found.push(t("images.tooLarge", { name: file.name }));
      else return true;
      return false;
    });
    if (accepted.length > room) found.push(t("images.tooMany", { max: MAX_IMAGES }));
    setProblems(found);
    for (const [index, file] of accepted.slice(0, Math.max(0, room)).entries()) {
      const id = Date.now() + index;
      setUploads((current) => [...current, { id, name: file.name, fraction: 0 }]);
      try {
        await upload.mutateAsync({
          file,
          onProgress: (fraction) => {
            setUploads((current) => current.map((item) => (item.id === id ? { ...item, fraction } : item)));
          },
        });
      } catch (error) {
        setProblems((current) => [...current, `${file.name}: ${errorMessage(tApp, error)}`]);
      } finally {
        setUploads((current) => current.filter((item) => item.id !== id));
      }
    }
  };

  return (
    <section aria-labelledby={`${inputId}-title`} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <h2 id={`${inputId}-title`} className="text-lg font-semibold">
        {t("images.title")}
      </h2>
      <p className="text-sm text-stone-700">{t("images.hint", { max: MAX_IMAGES })}</p>
      {images.length === 0 && uploads.length === 0 ? <p className="text-stone-700">{t("images.none")}</p> : null}
      <ol aria-label={t("images.listLabel")} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {images.map((image, position) => (
          <li key={image.key} className="flex flex-col gap-2 rounded-lg border border-stone-200 p-2">
            <div className="relative">
              <img
                src={image.url}
                alt={t("images.alt", { name: product.name, position: position + 1 })}
                className="aspect-square w-full rounded-md bg-stone-100 object-contain"
                loading="lazy"
              />
              {position === 0 ? (
                <span className="absolute left-2 top-2 rounded-full bg-brand-700 px-2.5 py-0.5 text-sm font-semibold text-white">
                  {t("images.cover")}
                </span>
              ) : null}
            </div>
            {canWrite ? (
              confirming === position ? (
                <div className="flex flex-col gap-2 rounded-md bg-red-50 p-2">
                  <p className="text-sm text-red-950">{t("images.confirmRemove", { position: position + 1 })}</p>
                  <div className="flex flex-wrap gap-2">
                    <Button
                      variant="danger"
                      isLoading={remove.isPending}
                      onClick={() => {
                        remove.mutate(position, {
                          onSuccess: () => {
                            setConfirming(null);
                          },
                        });
                      }}
                    >
                      {t("images.remove")}
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setConfirming(null);
                      }}
                    >
                      {t("images.keep")}
                    </Button>
                  </div>
                </div>
              ) : (
                <div className="flex flex-wrap gap-1">
                  <Button
                    variant="secondary"
                    className="px-3"
                    disabled={position === 0 || reorder.isPending}
                    aria-label={t("images.moveEarlier", { position: position + 1 })}
                    onClick={() => {
                      reorder.mutate(moved(keys, position, position - 1));
                    }}
                  >
                    ←
                  </Button>
                  <Button
                    variant="secondary"
                    className="px-3"
                    disabled={position === images.length - 1 || reorder.isPending}
                    aria-label={t("images.moveLater", { position: position + 1 })}
                    onClick={() => {
                      reorder.mutate(moved(keys, position, position + 1));
                    }}
                  >
                    →
                  </Button>
                  {position > 0 ? (
                    <Button
                      variant="ghost"
                      disabled={reorder.isPending}
                      onClick={() => {
                        reorder.mutate(moved(keys, position, 0));
                      }}
                    >
                      {t("images.makeCover")}
                    </Button>
                  ) : null}
                  <Button
                    variant="ghost"
                    aria-label={t("images.removeNamed", { position: position + 1 })}
                    onClick={() => {
                      setConfirming(position);
                    }}
                  >
                    {t("images.remove")}
                  </Button>
                </div>
              )
            ) : null}
          </li>
        ))}
      </ol>
      {uploads.map((item) => (
        <ProgressBar key={item.id} label={t("images.uploading", { name: item.name })} fraction={item.fraction} />
      ))}
      {problems.length > 0 ? (
        <Alert tone="error" title={t("images.problems")}>
          <ul className="list-disc pl-5">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {reorder.isError ? <Alert tone="error">{errorMessage(tApp, reorder.error)}</Alert> : null}
      {remove.isError ? <Alert tone="error">{errorMessage(tApp, remove.error)}</Alert> : null}
      {canWrite && room > 0 ? (
        <label
          htmlFor={inputId}
          className={buttonClasses("secondary", "cursor-pointer self-start focus-within:ring-2 focus-within:ring-brand-600")}
        >
          {t("images.add")}
          <input
            id={inputId}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            className="sr-only"
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = "";
              void choose(files);
            }}
          />
        </label>
      ) : null}
    </section>
  );
}
