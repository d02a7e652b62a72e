import { useEffect, useState } from 'react';

/** The value `delay` ms after it last changed: lets a slider move freely and loads only where it stops. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
