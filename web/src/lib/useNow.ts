import { useEffect, useState } from 'react';

/** The current time, refreshed every minute (deadlines in words move on by themselves). */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}
