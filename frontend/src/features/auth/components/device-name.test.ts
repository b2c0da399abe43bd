import { describe, expect, it } from "vitest";
import { deviceName } from "./device-name";

describe("device names from user agents", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
      { browser: "Chrome", system: "Android" },
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
      { browser: "Safari", system: "iOS" },
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0",
      { browser: "Edge", system: "Windows" },
    ],
    ["python-httpx/0.27.0", { browser: null, system: null }],
    [null, { browser: null, system: null }],
  ])("%s", (userAgent, expected) => {
    expect(deviceName(userAgent)).toEqual(expected);
  });
});
