import { afterEach, describe, expect, it, vi } from "vitest";
import { downloadFile } from "./download";

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("downloading a file the API serves", () => {
  it("saves the fetched blob under the given name and frees it afterwards", async () => {
    vi.useFakeTimers();
    const pdf = new Blob(["%PDF-1.7"], { type: "application/pdf" });
    const create = vi.fn<(blob: Blob) => string>(() => "blob:invoice");
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
    });

    await downloadFile(() => Promise.resolve(pdf), "INV-000007.pdf");

    expect(create).toHaveBeenCalledWith(pdf);
    expect(clicked).toEqual([{ href: "blob:invoice", download: "INV-000007.pdf", attached: true }]);
    expect(document.querySelector("a[download]")).toBeNull();
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith("blob:invoice");
  });

  it("starts no download when the file could not be fetched", async () => {
    const create = vi.fn(() => "blob:nothing");
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    await expect(downloadFile(() => Promise.reject(new Error("403")), "x.pdf")).rejects.toThrow("403");
    expect(create).not.toHaveBeenCalled();
  });
});
