import { useCallback, useRef } from 'react';

/**
 * Focus for a button that a form replaces while it is open ("Add a goal" → the goal form → the button again).
 * `back()` asks for the focus; the button (given `attach` as its ref) takes it as soon as React puts it on the page again. A
 * `requestAnimationFrame` is not enough: after a save (an `await`), React may commit after the next frame, the
 * button is not there yet, and the focus falls to `<body>`.
 */
export function useFocusBack<T extends HTMLElement>(): [
  attach: (element: T | null) => void,
  back: () => void,
] {
  const wanted = useRef(false);
  const attach = useCallback((element: T | null) => {
    if (element && wanted.current) {
      wanted.current = false;
      element.focus();
    }
  }, []);
  const back = useCallback(() => {
    wanted.current = true;
  }, []);
  return [attach, back];
}
