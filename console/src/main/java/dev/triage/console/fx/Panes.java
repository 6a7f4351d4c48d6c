package dev.triage.console.fx;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TitledPane;

/** The small layout pieces every screen uses the same way: a fixed titled section and a read-only text column. */
public final class Panes {

    private Panes() {}

    /** A section with a title that does not collapse and grows with the window. */
    public static Node titled(String title, Node content) {
        TitledPane pane = new TitledPane(requireNonNull(title, "title"), requireNonNull(content, "content"));
        pane.setCollapsible(false);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }

    /** A column showing {@code value} of each row as text, not sortable (rows keep the order the ViewModel gives). */
    public static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        requireNonNull(value, "value");
        TableColumn<R, String> column = new TableColumn<>(requireNonNull(title, "title"));
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }
}
