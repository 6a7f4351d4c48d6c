package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Which AWS account the console acts on, and how carefully.
 *
 * @param profile a profile of ~/.aws/config (SSO profiles included)
 * @param region an explicit region, or null for the profile's (else the SDK's region chain)
 * @param mode normal, read-only or protected
 * @param agents a fleet file listing the agents in front of the services, or null for none
 */
public record AwsChoice(String profile, String region, WritePolicy.Mode mode, Path agents) {

    public AwsChoice {
        requireNonNull(profile, "profile");
        requireNonNull(mode, "mode");
        if (profile.isBlank()) {
            throw new IllegalArgumentException("profile: '" + profile + "' (expected: a profile name)");
        }
        if (region != null && region.isBlank()) {
            region = null;
        }
        if (region != null && !region.matches("[a-z0-9][a-z0-9-]*[a-z0-9]")) {
            throw new IllegalArgumentException("region: '" + region + "' (expected: a region code like eu-west-1)");
        }
    }

    /** What {@link Connection.Place#remembered()} holds: "aws:PROFILE" or "aws:PROFILE@REGION". */
    public String remembered() {
        return Connections.AWS + profile + (region == null ? "" : "@" + region);
    }

    /** The write policy of this choice: the profile's name is what protected mode asks to type. */
    public WritePolicy writePolicy() {
        return WritePolicy.of(mode, profile);
    }
}
