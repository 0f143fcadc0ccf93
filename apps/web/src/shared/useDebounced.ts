/** A value that follows another after it has stopped changing for `delay` ms (search boxes, live checks). */
import { useEffect, useState } from "react";

export function useDebounced<Value>(value: Value, delay: number): Value {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
