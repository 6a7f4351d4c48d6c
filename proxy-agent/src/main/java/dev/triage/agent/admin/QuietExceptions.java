package dev.triage.agent.admin;

import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connection-level errors of the admin listener at debug level, without request content. */
final class QuietExceptions implements ExceptionListener {

    private static final Logger LOG = LoggerFactory.getLogger(QuietExceptions.class);

    @Override
    public void onError(Exception ex) {
        LOG.debug("admin: {}", ex.getClass().getSimpleName());
    }

    @Override
    public void onError(HttpConnection connection, Exception ex) {
        LOG.debug("admin connection: {}", ex.getClass().getSimpleName());
    }
}
