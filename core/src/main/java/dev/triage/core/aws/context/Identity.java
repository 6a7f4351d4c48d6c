package dev.triage.core.aws.context;

import static java.util.Objects.requireNonNull;

/** Who the credentials belong to, as STS GetCallerIdentity tells it. */
public record Identity(String account, String arn, String userId) {

    public Identity {
        requireNonNull(account, "account");
        requireNonNull(arn, "arn");
        requireNonNull(userId, "userId");
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("account: '" + account + "' (expected: 12 digits)");
        }
        if (!arn.startsWith("arn:")) {
            throw new IllegalArgumentException("arn: '" + arn + "' (expected: arn:partition:service:...)");
        }
    }
}
