import type { components } from "@/lib/api-types";

type CategoryPreferences = components["schemas"]["CategoryPreferences"];
type PreferenceChange = components["schemas"]["PreferenceChange"];
export type Channel = PreferenceChange["channel"];
export type Category = PreferenceChange["category"];

export const CHANNELS: readonly Channel[] = ["in_app", "email", "sms"];

/** The switches as the form edits them: "category.channel" -> on. */
export type Switches = Record<string, boolean>;

export function switchKey(category: Category, channel: Channel): string {
  return `${category}.${channel}`;
}

export function switchesOf(categories: CategoryPreferences[]): Switches {
  const switches: Switches = {};
  for (const { category, channels } of categories) {
    for (const channel of CHANNELS) switches[switchKey(category, channel)] = channels[channel];
  }
  return switches;
}

/**
 * Only the switches the person changed, for `PUT /me/notification-preferences` (the others
 * keep their value); locked categories are never sent, since the API refuses turning them off.
 */
export function changedSwitches(categories: CategoryPreferences[], edited: Switches): PreferenceChange[] {
  const changes: PreferenceChange[] = [];
  for (const { category, channels, locked } of categories) {
    if (locked) continue;
    for (const channel of CHANNELS) {
      const enabled = edited[switchKey(category, channel)];
      if (enabled !== undefined && enabled !== channels[channel]) changes.push({ category, channel, enabled });
    }
  }
  return changes;
}
