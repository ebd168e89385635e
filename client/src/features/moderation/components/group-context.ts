import type { ReactElement } from 'react';
import type { ModerationSettings } from '@staffroom/shared/schemas/moderation';
import type { SettingsPatch } from '../api/moderation-api';

/** What every panel of a group's moderation page needs: who it is for, and how to ask and report. */
export interface GroupTools {
  groupId: string;
  groupName: string;
  isAdmin: boolean;
  /** Opens a dialog; `close` unmounts it. */
  ask: (render: (close: () => void) => ReactElement) => void;
  /** After a change: say it (politely) and load the group's state again. */
  done: (text: string) => void;
  /** Changes a setting with a reason and returns the group's settings as they now are. */
  changeSettings: (patch: SettingsPatch, reason: string) => Promise<ModerationSettings>;
}
