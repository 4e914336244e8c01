package io.inbox.webhook;

import io.inbox.domain.database.LongStatementsCached;
import jakarta.inject.Singleton;

/** This service's pool caches its long statements too (see {@link LongStatementsCached}). */
@Singleton
public class StatementCache extends LongStatementsCached {}
