package io.inbox.runner.processing;

import io.inbox.runner.outbound.Content;
import io.inbox.runner.outbound.LedgerEntry;

/**
 * One send of a reply: its ledger key, the template it is (null: the ledger row's text), and the
 * masked phone when the reply hands the conversation over.
 */
record Outgoing(String key, Content.Template template, String handoverFor) {

  /**
   * A text is the ledger row's: a retry whose orchestrator phrased the reply anew still sends the
   * first wording, the one the row was reserved with.
   */
  Content content(LedgerEntry entry) {
    return template != null ? template : new Content.Text(entry.body());
  }
}
