/**
 * Hands a file the API serves to the browser as a download. A link cannot carry the bearer
 * token, so the caller fetches the file through the API client (`fetchFile`) and the received
 * blob is saved under `fileName`.
 */
export async function downloadFile(fetchFile: () => Promise<Blob>, fileName: string): Promise<void> {
  const blob = await fetchFile();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
