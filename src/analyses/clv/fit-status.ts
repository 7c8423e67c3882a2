import { Q_AT_MOST_ONE } from './gamma-gamma';

/** Why a fit needs the user's attention, as a code the UI words in its language. */
export type FitIssueCode = 'no_customers' | 'no_repeat' | 'no_spend' | 'unidentified' | 'not_converged' | 'q_at_most_one' | 'other';

export interface FitIssue {
  code: FitIssueCode;
  /** The parameter names of `unidentified`; the fit's own words for `other`. */
  detail: string;
}

/** Correlation of spend and frequency from which the Gamma-Gamma independence assumption is in doubt. */
export const STRONG_CORRELATION = 0.3;

/** Splits a fit's message (parts joined by "; ") into issues. */
export function fitIssues(message: string | undefined): FitIssue[] {
  if (!message) return [];
  return message.split('; ').map((part): FitIssue => {
    if (part === Q_AT_MOST_ONE) return { code: 'q_at_most_one', detail: '' };
    if (part.startsWith('no customers')) return { code: 'no_customers', detail: '' };
    if (part.startsWith('no customer made a repeat purchase')) return { code: 'no_repeat', detail: '' };
    if (part.startsWith('no customer with a repeat purchase of positive value')) return { code: 'no_spend', detail: '' };
    const ranOff = /^(.*) ran off towards/.exec(part);
    if (ranOff) return { code: 'unidentified', detail: ranOff[1] };
    if (part.startsWith('gradient not zero') || part.startsWith('Nelder-Mead reached')) return { code: 'not_converged', detail: part };
    return { code: 'other', detail: part };
  });
}
