export interface Commitment {
  id: string;
  text: string;
  /** Overrides the default response time for cases naming this commitment. */
  responseWorkingDays?: number;
}

export interface GuaranteeContent {
  title: string;
  intro?: string;
  commitments: Commitment[];
  remedy: string;
  contact: { name: string; phone?: string; email?: string };
}

/** Content as a client gives it: commitment ids are optional and assigned when missing. */
export type GuaranteeContentInput = Omit<GuaranteeContent, 'commitments'> & { commitments: (Omit<Commitment, 'id'> & { id?: string })[] };

export type GuaranteeDrafted = {
  type: 'GuaranteeDrafted.v1';
  data: GuaranteeContent & { guaranteeId: string; unitId: string; year: number; version: number; at: string };
};
export type GuaranteeAdopted = {
  type: 'GuaranteeAdopted.v1';
  data: {
    guaranteeId: string;
    unitId: string;
    year: number;
    version: number;
    decidedOn: string;
    decisionRef: string;
    /** First day the version is in force (the decision date, or 1 January of the year if decided earlier). */
    inForceFrom: string;
    /** The version it replaces from inForceFrom, if any. */
    supersedesVersion?: number;
    at: string;
  };
};
export type GuaranteeWithdrawn = {
  type: 'GuaranteeWithdrawn.v1';
  data: { guaranteeId: string; unitId: string; year: number; version: number; reason: string; withdrawnOn: string; at: string };
};

export type GuaranteeEvent = GuaranteeDrafted | GuaranteeAdopted | GuaranteeWithdrawn;

export const GUARANTEE_CATEGORY = 'guarantee';
export const guaranteeStream = (guaranteeId: string) => `${GUARANTEE_CATEGORY}-${guaranteeId}`;
/** One guarantee series per unit and year: its id is derived, so the stream itself keeps it unique. */
export const guaranteeIdFor = (unitId: string, year: number) => `${unitId}-${year}`;
