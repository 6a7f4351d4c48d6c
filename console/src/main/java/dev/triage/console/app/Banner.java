package dev.triage.console.app;

import dev.triage.console.connection.Connection;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The strip that always says where this window acts, coloured by kind of place. */
final class Banner {

    private final HBox root = new HBox(10);
    private final Label kind = new Label();
    private final Label title = new Label();
    private final Label detail = new Label();

    Banner(javafx.scene.Node right) {
        root.setId("banner");
        root.getStyleClass().add("banner");
        root.setAlignment(Pos.CENTER_LEFT);
        kind.setId("bannerKind");
        kind.getStyleClass().add("banner-kind");
        title.setId("bannerTitle");
        title.getStyleClass().add("banner-title");
        detail.setId("bannerDetail");
        detail.getStyleClass().add("banner-detail");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        root.getChildren().addAll(kind, title, detail, grow, right);
        connecting("Starting ...");
    }

    HBox node() {
        return root;
    }

    void connecting(String what) {
        style("banner-connecting");
        kind.setGraphic(new FontIcon(Material2AL.HOURGLASS_EMPTY));
        kind.setText("CONNECTING");
        title.setText(what);
        detail.setText("");
    }

    void show(Connection.Place place) {
        boolean lab = place.kind() == Connection.Place.Kind.LAB;
        style(lab ? "banner-lab" : "banner-aws");
        kind.setGraphic(new FontIcon(lab ? Material2MZ.SCIENCE : Material2AL.CLOUD));
        kind.setText(lab ? "LAB" : "AWS");
        title.setText(place.title());
        detail.setText(place.detail());
    }

    void failed(String why) {
        style("banner-failed");
        kind.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
        kind.setText("NOT CONNECTED");
        title.setText(why);
        detail.setText("");
    }

    private void style(String kindClass) {
        root.getStyleClass().removeIf(c -> c.startsWith("banner-"));
        root.getStyleClass().add(kindClass);
    }
}
