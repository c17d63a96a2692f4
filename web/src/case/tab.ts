import type { Case, Unit } from '../api/types';

/** What every case tab gets from the case page. */
export interface CaseTabProps {
  c: Case;
  /** the case unit's time zone (dates are shown in it, with WIB/WITA/WIT) */
  tz: string;
  unit?: Unit;
}
