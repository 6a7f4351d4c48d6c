package dev.triage.console.tls;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out and binds the TLS screen; all state is in {@link TlsViewModel}. */
final class TlsView {

    private TlsView() {}

    static Node create(TlsViewModel vm) {
        requireNonNull(vm, "vm");
        TableView<TlsState.ListenerRow> listeners = new TableView<>(vm.listeners());
        listeners.setId("tlsListenersTable");
        listeners
                .getColumns()
                .setAll(List.of(
                        column("Load balancer", TlsState.ListenerRow::loadBalancer, 120),
                        column("Listener", TlsState.ListenerRow::listener, 100),
                        column("Protocol", TlsState.ListenerRow::protocol, 80),
                        column("SSL policy", TlsState.ListenerRow::sslPolicy, 260),
                        column("Certificates", TlsState.ListenerRow::certificates, 220),
                        column("Default action", TlsState.ListenerRow::action, 300)));
        listeners.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        listeners.setPlaceholder(new Label("Reading the listeners ..."));
        listeners.setPrefHeight(140);
        listeners.setMinHeight(110);

        Label note = new Label();
        note.setId("certificateNote");
        note.setWrapText(true);
        note.textProperty().bind(vm.certificateNoteProperty());
        TableView<TlsState.CertificateRow> certificates = new TableView<>(vm.certificates());
        certificates.setId("certificatesTable");
        certificates
                .getColumns()
                .setAll(List.of(
                        column("Domain", TlsState.CertificateRow::domain, 200),
                        column("Other names", TlsState.CertificateRow::alternativeNames, 200),
                        column("Status", TlsState.CertificateRow::status, 100),
                        column("Expires (UTC)", TlsState.CertificateRow::expires, 110),
                        daysColumn(),
                        column("Used by", TlsState.CertificateRow::usedBy, 200)));
        certificates.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        certificates.setPlaceholder(new Label("No certificates to show"));
        certificates.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.certificates()));
        certificates.managedProperty().bind(certificates.visibleProperty());
        VBox certificateBox = new VBox(8, note, certificates);
        VBox.setVgrow(certificates, Priority.ALWAYS);

        Label error = new Label();
        error.setId("tlsError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label readOnly = new Label("Read-only: adding an HTTPS listener, redirecting HTTP to HTTPS, changing the "
                + "SSL policy and importing a certificate are not in the console yet.");
        readOnly.setId("tlsReadOnly");
        readOnly.getStyleClass().add("muted");
        readOnly.setWrapText(true);

        Node certificatePane = titled("Certificates", certificateBox);
        VBox.setVgrow(certificatePane, Priority.ALWAYS);
        VBox root = new VBox(10, error, titled("Listeners", listeners), certificatePane, readOnly);
        root.setPadding(new Insets(14));
        root.setId("tls");
        return root;
    }

    private static TableColumn<TlsState.CertificateRow, String> daysColumn() {
        TableColumn<TlsState.CertificateRow, String> column =
                column("Days to expiry", TlsState.CertificateRow::daysLeft, 120);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("below", "stale-text", "meets");
                TlsState.CertificateRow row =
                        getTableRow() == null ? null : getTableRow().getItem();
                if (!empty && row != null) {
                    switch (row.expiry()) {
                        case URGENT -> getStyleClass().add("below");
                        case SOON -> getStyleClass().add("stale-text");
                        case FINE -> getStyleClass().add("meets");
                        case NONE -> {}
                    }
                }
            }
        });
        return column;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private static Node titled(String title, Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(false);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }
}
