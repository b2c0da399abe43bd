import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-error";
import { api, unwrap } from "@/lib/api-client";
import { sendWithProgress } from "../lib/xhr";
import { INVENTORY_KEY, productQuery } from "./products";
import type { ImageContentType, Product, ProductImage } from "./types";

export const IMAGE_TYPES: readonly ImageContentType[] = ["image/jpeg", "image/png", "image/webp"];
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES = 10;

export function isImageType(type: string): type is ImageContentType {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}

/**
 * Reserves an image slot (the API answers a presigned S3 form), then sends the file straight
 * to S3 with the form's fields first and the file last, reporting progress.
 */
export async function uploadImage(
  productId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (!isImageType(file.type)) throw new RangeError(file.type);
  const target = await unwrap(
    api.POST("/inventory/products/{id}/images", {
      params: { path: { id: productId } },
      body: { content_type: file.type, size_bytes: file.size },
    }),
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append("file", file);
  let response;
  try {
    response = await sendWithProgress({ method: "POST", url: target.url, body: form, onProgress, signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw ApiError.network(cause);
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ApiError(response.status, "upload_refused", "The image store refused the file.");
  }
}

function useImagesChanged(productId: string) {
  const queryClient = useQueryClient();
  return (images: ProductImage[] | null) => {
    if (images) {
      queryClient.setQueryData(productQuery(productId).queryKey, (product: Product | undefined) =>
        product ? { ...product, images } : product,
      );
    }
    return queryClient.invalidateQueries({ queryKey: INVENTORY_KEY });
  };
}

export function useUploadImage(productId: string) {
  const changed = useImagesChanged(productId);
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) =>
      uploadImage(productId, file, onProgress),
    onSettled: () => changed(null),
  });
}

export function useReorderImages(productId: string) {
  const changed = useImagesChanged(productId);
  return useMutation({
    mutationFn: (keys: string[]) =>
      unwrap(api.PUT("/inventory/products/{id}/images", { params: { path: { id: productId } }, body: { keys } })),
    onSuccess: (list) => changed(list.images),
  });
}

export function useRemoveImage(productId: string) {
  const changed = useImagesChanged(productId);
  return useMutation({
    mutationFn: (position: number) =>
      unwrap(
        api.DELETE("/inventory/products/{id}/images/{position}", {
          params: { path: { id: productId, position: String(position) } },
        }),
      ),
    onSuccess: (list) => changed(list.images),
  });
}
