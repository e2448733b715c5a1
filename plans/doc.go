// Package plans keeps reorganizations drafted in private: named sets of changes on top of the
// ledger, previewed (the org on their date with them, against without), checked (what the
// ledger would refuse, and warnings: vacancies made, people left without a manager, spans over
// 12, layers added, units left without a head), shared (and a share taken back), and applied by an admin on the day
// they take effect.
//
// A plan lives in a PlanStore, outside the ledger: nothing in it shows in the ledger's answers
// until it is applied, and to anyone but its owner, the names it is shared with and admins
// (never to a viewer, with whom a share is refused) it does not exist (ENOTFOUND, never
// EFORBIDDEN). Applying rebases a plan on the ledger as it is now; when something recorded
// since the plan was drafted changed what the plan changes (the same position filled
// differently, the same person moved elsewhere), or the two together break the org, the plan
// is refused with each clash named (ECONFLICT). An apply claims the plan (status applying)
// before it records anything and marks it applied after, so that no other process adds to it
// or drops it in between: a change acknowledged as in the plan is recorded with the others or
// not at all (applying.go says what becomes of a plan whose apply stopped in between).
//
// A change may wait: when: {leaves: PERSON} makes it take effect on the day that person's
// leaving does, once the leaving is recorded, in the plan or in the ledger. A plan applied
// before that keeps the change waiting, and Service.AfterCommit applies it when a commit
// records the leaving.
package plans
