-- Meta's delivery news (SENT, DELIVERED, READ, FAILED) for a send whose outbound Message row does not
-- exist yet: its answer was lost, or the runner has not recorded it. The status webhook keeps the
-- latest here, on the ledger row it names, and the runner's record of the send copies it onto the
-- Message row, so no status is lost to that race. Nullable: no table rewrite.
ALTER TABLE "OutboundMessageLog" ADD COLUMN IF NOT EXISTS "deliveryStatus" TEXT;
