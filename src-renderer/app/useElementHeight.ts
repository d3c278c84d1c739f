import { useEffect, useState, type RefObject } from 'react';

/** The current height of an element in pixels, kept up to date as the window is resized (for virtual lists). */
export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback = 400): number {
  const [height, setHeight] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.height;
      if (measured !== undefined && measured > 0) setHeight(Math.floor(measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
