package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.AwsChoice;
import dev.triage.console.connection.WritePolicy;
import dev.triage.core.aws.context.ProfileSummary;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The AWS profile dialog's state: the profiles of ~/.aws/config (SSO ones marked), the chosen one,
 * its region (defaulted from the profile, or the one last used with it) and its mode (remembered per
 * profile). Knows no Node.
 */
final class AwsProfileModel {

    private static final String REGION_SHAPE = "[a-z0-9][a-z0-9-]*[a-z0-9]";

    private final Settings settings;
    private final ObservableList<ProfileSummary> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileSummary> selected = new SimpleObjectProperty<>();
    private final StringProperty region = new SimpleStringProperty("");
    private final ObjectProperty<WritePolicy.Mode> mode = new SimpleObjectProperty<>(WritePolicy.Mode.NORMAL);
    private final StringProperty agents = new SimpleStringProperty("");
    private final StringProperty loadProblem = new SimpleStringProperty("");
    private final StringBinding problem;

    AwsProfileModel(Settings settings) {
        this.settings = requireNonNull(settings, "settings");
        selected.addListener((obs, was, now) -> onSelected(now));
        problem = Bindings.createStringBinding(this::findProblem, selected, region, mode, loadProblem);
    }

    /** What each profile looks like in the list: "prod (SSO, eu-west-1)". */
    static String label(ProfileSummary profile) {
        StringBuilder out = new StringBuilder(profile.name());
        String details = (profile.sso() ? "SSO" : "")
                + (profile.sso() && profile.region() != null ? ", " : "")
                + (profile.region() == null ? "" : profile.region());
        if (!details.isEmpty()) {
            out.append(" (").append(details).append(')');
        }
        return out.toString();
    }

    /** The profiles read (off the UI thread); the one last used is selected when present. */
    void profiles(List<ProfileSummary> read, String lastProfile) {
        profiles.setAll(read);
        loadProblem.set(read.isEmpty() ? "No profiles in ~/.aws/config: run `aws configure sso` first." : "");
        read.stream()
                .filter(p -> p.name().equals(lastProfile))
                .findFirst()
                .or(() -> read.stream().findFirst())
                .ifPresent(selected::set);
    }

    void failed(String why) {
        loadProblem.set("Could not read ~/.aws/config: " + why);
    }

    private void onSelected(ProfileSummary profile) {
        if (profile == null) {
            return;
        }
        region.set(settings.region(profile.name()).orElse(profile.region() == null ? "" : profile.region()));
        mode.set(settings.mode(profile.name()));
    }

    private String findProblem() {
        if (!loadProblem.get().isEmpty()) {
            return loadProblem.get();
        }
        if (selected.get() == null) {
            return "Choose a profile.";
        }
        String r = region.get().strip();
        if (r.isEmpty() && selected.get().region() == null) {
            return "region: none (expected: a region code like eu-west-1; the profile has none)";
        }
        if (!r.isEmpty() && !r.matches(REGION_SHAPE)) {
            return "region: '" + r + "' (expected: a region code like eu-west-1)";
        }
        return "";
    }

    /** The choice to open, after remembering the profile's mode and region; null while there is a problem. */
    AwsChoice choose() {
        if (!problem.get().isEmpty()) {
            return null;
        }
        ProfileSummary profile = selected.get();
        String r = region.get().strip();
        String chosenRegion = r.isEmpty() ? null : r;
        settings.mode(profile.name(), mode.get());
        settings.region(
                profile.name(), chosenRegion == null || chosenRegion.equals(profile.region()) ? null : chosenRegion);
        String agentsFile = agents.get().strip();
        return new AwsChoice(
                profile.name(), chosenRegion, mode.get(), agentsFile.isEmpty() ? null : Path.of(agentsFile));
    }

    ObservableList<ProfileSummary> profiles() {
        return profiles;
    }

    ObjectProperty<ProfileSummary> selectedProperty() {
        return selected;
    }

    StringProperty regionProperty() {
        return region;
    }

    ObjectProperty<WritePolicy.Mode> modeProperty() {
        return mode;
    }

    StringProperty agentsProperty() {
        return agents;
    }

    /** Empty when the choice can be opened; otherwise what is missing, in words. */
    StringBinding problemProperty() {
        return problem;
    }
}
