// Pure (runs anywhere): the mutable shape a dialect parser fills before LogParser hands the record out.
import type { ConnectionRecord, ProcessRef } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A ConnectionRecord under construction; `processes` is a plain array so owner lines can append. */
export type RecordDraft = Mutable<Omit<ConnectionRecord, 'processes'>> & { processes: ProcessRef[] };
