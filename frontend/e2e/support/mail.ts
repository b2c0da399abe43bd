import { stack } from "./stack";

interface SesMessage {
  body?: string;
  subject?: string;
  destinations?: string[] | { ToAddresses?: string[] };
}

function recipients(message: SesMessage): string[] {
  const { destinations } = message;
  if (Array.isArray(destinations)) return destinations;
  return destinations?.ToAddresses ?? [];
}

/** The e-mails the local stack's moto server accepted (what `make mail` shows). */
async function sentEmails(): Promise<SesMessage[]> {
  const response = await fetch(`${stack.awsUrl}/moto-api/data.json`);
  if (!response.ok) throw new Error(`The mail sink answered ${response.status}`);
  const state = (await response.json()) as { ses?: { Message?: SesMessage[] } };
  return state.ses?.Message ?? [];
}

/**
 * The link (to `path`, e.g. "/verify-email") in the newest e-mail to `address`, waiting
 * for the notifications worker to send it.
 */
export async function linkFromEmail(address: string, path: string, timeoutMs = 30_000): Promise<string> {
  const pattern = new RegExp(`href="(https?://[^"]*${path.replace(/[/]/g, "\\/")}\\?token=[^"]+)"`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const messages = (await sentEmails()).filter((message) => recipients(message).includes(address));
    for (const message of messages.reverse()) {
      const match = pattern.exec(message.body ?? "");
      if (match?.[1]) return match[1].replaceAll("&amp;", "&");
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`No e-mail to ${address} with a ${path} link within ${timeoutMs} ms`);
}
