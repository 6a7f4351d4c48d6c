package dev.triage.lab.hosp;

/** An error answer (status and message) raised while handling a request. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
