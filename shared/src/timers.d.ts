/**
 * The timer functions every runtime the protocol package runs in provides (browsers and Node). Declared here
 * because shared/ compiles without DOM or Node types on purpose.
 */
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
