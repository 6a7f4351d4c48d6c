package dev.triage.core.aws.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.profiles.ProfileFile;

/** Profile files written to a temp directory and read through the SDK's ProfileFile API. */
final class ProfileFiles {

    private ProfileFiles() {}

    static ProfileFile of(Path dir, String config, String credentials) {
        try {
            Path configFile = Files.writeString(dir.resolve("config"), config);
            Path credentialsFile = Files.writeString(dir.resolve("credentials"), credentials);
            return ProfileFile.aggregator()
                    .addFile(ProfileFile.builder()
                            .content(configFile)
                            .type(ProfileFile.Type.CONFIGURATION)
                            .build())
                    .addFile(ProfileFile.builder()
                            .content(credentialsFile)
                            .type(ProfileFile.Type.CREDENTIALS)
                            .build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
