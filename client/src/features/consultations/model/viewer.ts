import type { Me } from '@staffroom/shared/schemas/accounts';

/** Who is looking: given by the app's routes (features do not import each other). */
export type Viewer = Pick<Me, 'id' | 'pseudonym' | 'role'>;
