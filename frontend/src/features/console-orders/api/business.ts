import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { uploadWithProgress } from "../lib/upload";
import type { DeliveryOptionsBody, DocumentKind, DocumentContentType } from "./types";

/** The same cache entry as the business details page (`/business`). */
export const businessQuery = queryOptions({
  queryKey: ["business"],
  queryFn: ({ signal }) => unwrap(api.GET("/business", { signal })),
});

export const deliveryOptionsQuery = queryOptions({
  queryKey: ["business", "delivery-options"],
  queryFn: ({ signal }) => unwrap(api.GET("/business/delivery-options", { signal })),
});

export function useSaveDeliveryOptions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeliveryOptionsBody) => unwrap(api.PUT("/business/delivery-options", { body })),
    onSuccess: (saved) => queryClient.setQueryData(deliveryOptionsQuery.queryKey, saved),
  });
}

export const documentsQuery = queryOptions({
  queryKey: ["business", "verification-documents"],
  queryFn: ({ signal }) => unwrap(api.GET("/business/verification-documents", { signal })),
});

export interface DocumentUpload {
  kind: DocumentKind;
  file: File;
  onProgress: (fraction: number) => void;
}

/** Registers the document with the API, then sends the file straight to storage with the presigned form. */
export function useUploadDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, file, onProgress }: DocumentUpload) => {
      const { upload } = await unwrap(
        api.POST("/business/verification-documents", {
          body: { kind, filename: file.name, content_type: file.type as DocumentContentType, size_bytes: file.size },
        }),
      );
      await uploadWithProgress(upload.url, upload.fields, file, onProgress);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: documentsQuery.queryKey }),
  });
}

export function useRemoveDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/business/verification-documents/{id}", { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: documentsQuery.queryKey }),
  });
}
