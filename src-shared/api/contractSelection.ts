import { z } from 'zod';
import { contractStatuses, contractTypes } from '../model/contract.ts';
import { isIsoDate } from '../rules/isoDate.ts';

const id = z.string().regex(/^[0-9a-f]{32}$/, 'id');
const isoDate = z.string().refine(isIsoDate, 'date YYYY-MM-DD');
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The contracts table's sidebar filters (all optional, combined with AND), as `contracts.page` and the bulk operations take them. */
export const contractFilterShape = {
  text: z.string().max(200).optional(),
  customerIds: z.array(id).max(1000).optional(),
  types: z.array(z.enum(contractTypes)).max(20).optional(),
  statuses: z.array(z.enum(contractStatuses)).max(10).optional(),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  folder: z.union([id, z.literal('none')]).optional(),
  includeSubfolders: z.boolean().optional(),
  signedFrom: isoDate.optional(),
  signedTo: isoDate.optional(),
  endsFrom: isoDate.optional(),
  endsTo: isoDate.optional(),
  minAmountMinor: minor.optional(),
  maxAmountMinor: minor.optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'ISO 4217 currency').transform((c) => c.toUpperCase()).optional(),
};

/**
 * "Every contract matching this filter, except these": how the table's "select all" reaches rows it never
 * loaded. The backend resolves it at the moment of the change, so the renderer never holds 100,000 ids.
 */
export const contractMatchingSchema = z.object({ ...contractFilterShape, except: z.array(id).max(100_000).optional() }).strict();

/** The ids of a bulk operation: either listed, or every contract matching a filter (exactly one of the two). */
export const contractSelectionShape = {
  ids: z.array(id).min(1).max(100_000).optional(),
  matching: contractMatchingSchema.optional(),
};

/** Refinement for a selection: exactly one of `ids` and `matching`. */
export const oneSelection = (v: { ids?: unknown; matching?: unknown }): boolean => (v.ids === undefined) !== (v.matching === undefined);
