package dev.triage.console.tls;

import static dev.triage.console.fx.Panes.column;
import static dev.triage.console.fx.Panes.titled;
import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.ConfirmPane;
import dev.triage.console.fx.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

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
                        column("Load balancer", TlsState.ListenerRow::loadBalancer, 130),
                        column("Listener", TlsState.ListenerRow::listener, 110),
                        column("SSL policy", TlsState.ListenerRow::sslPolicy, 140),
                        column("Certificates", TlsState.ListenerRow::certificates, 110),
                        column("Default action", TlsState.ListenerRow::action, 170)));
        listeners.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        listeners.setPlaceholder(new Label("Reading the listeners ..."));
        listeners.setPrefHeight(230);
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

        vm.selectedProperty().subscribe(row -> {
            if (listeners.getSelectionModel().getSelectedItem() != row) {
                listeners.getSelectionModel().select(row);
            }
        });
        listeners.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.cancel();
                vm.selectedProperty().set(now);
            }
        });

        Node certificatePane = titled("Certificates", certificateBox);
        VBox.setVgrow(certificatePane, Priority.ALWAYS);
        HBox middle = new HBox(12, titled("Listeners", listeners), titled("Change the selected listener", actions(vm)));
        HBox.setHgrow(middle.getChildren().get(0), Priority.ALWAYS);
        VBox root = new VBox(10, error, middle, certificatePane);
        root.setPadding(new Insets(14));
        root.setId("tls");
        return root;
    }

    private static Node actions(TlsViewModel vm) {
        Label selected = new Label();
        selected.setId("tlsSelected");
        vm.selectedProperty()
                .subscribe(row -> selected.setText(
                        row == null ? "No listener selected" : row.listener() + " on " + row.loadBalancer()));
        selected.getStyleClass().add("preview-title");

        Button redirect = new Button("Redirect HTTP to HTTPS");
        redirect.setId("redirectButton");
        redirect.setOnAction(e -> vm.previewRedirect());
        redirect.disableProperty()
                .bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> !TlsViewModel.isHttp(vm.selectedProperty().get()), vm.selectedProperty()));

        ComboBox<String> policy = new ComboBox<>(vm.sslPolicies());
        policy.setId("sslPolicyChoice");
        policy.setPromptText("SSL policy");
        policy.setPrefWidth(280);
        Button setPolicy = new Button("Set policy");
        setPolicy.setId("setPolicyButton");
        setPolicy.setOnAction(e -> vm.previewSslPolicy(policy.getValue()));
        setPolicy
                .disableProperty()
                .bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> vm.selectedProperty().get() == null
                                || TlsViewModel.isHttp(vm.selectedProperty().get()),
                        vm.selectedProperty()));
        HBox policyLine = new HBox(8, policy, setPolicy);
        policyLine.setAlignment(Pos.CENTER_LEFT);

        TextField port = new TextField(Integer.toString(TlsViewModel.HTTPS_PORT));
        port.setId("httpsPort");
        port.setPrefColumnCount(5);
        port.setTextFormatter(
                new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0,5}") ? c : null));
        ComboBox<TlsState.CertificateRow> certificate = new ComboBox<>(vm.certificates());
        certificate.setId("certificateChoice");
        certificate.setPromptText("certificate");
        certificate.setConverter(new StringConverter<>() {
            @Override
            public String toString(TlsState.CertificateRow row) {
                return row == null ? "" : row.domain() + " (" + row.daysLeft() + ")";
            }

            @Override
            public TlsState.CertificateRow fromString(String text) {
                return null;
            }
        });
        ComboBox<String> newPolicy = new ComboBox<>(vm.sslPolicies());
        newPolicy.setId("newListenerPolicy");
        newPolicy.setPromptText("SSL policy");
        newPolicy.setPrefWidth(280);
        Button add = new Button("Add HTTPS listener");
        add.setId("addHttpsButton");
        add.setOnAction(e -> vm.previewAddHttps(
                port.getText().isEmpty() ? 0 : Integer.parseInt(port.getText()),
                certificate.getValue() == null ? null : certificate.getValue().arn(),
                newPolicy.getValue()));
        HBox addLine = new HBox(8, new Label("Port"), port, certificate);
        addLine.setAlignment(Pos.CENTER_LEFT);
        HBox addLine2 = new HBox(8, newPolicy, add);
        addLine2.setAlignment(Pos.CENTER_LEFT);

        Label noPolicies = new Label("The provider offers no SSL policies here (the lab's agents have none), so "
                + "policy changes and new HTTPS listeners are refused with the reason.");
        noPolicies.getStyleClass().add("muted");
        noPolicies.setWrapText(true);
        noPolicies.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.sslPolicies()));
        noPolicies.managedProperty().bind(noPolicies.visibleProperty());
        Node importBox = importBox(vm);

        VBox confirm = ConfirmPane.build(
                ConfirmPane.Spec.ids(
                        "tlsConfirmPane", "tlsPlanPreview", "tlsConfirmName", "tlsApplyButton", "tlsCancelButton"),
                vm.pendingProperty(),
                TlsViewModel.Pending::title,
                TlsViewModel.Pending::preview,
                vm::confirm,
                vm::cancel,
                vm.guard(),
                vm.busyProperty());

        Label message = Messages.label(
                "tlsMessage",
                vm.messageProperty(),
                TlsViewModel.Message::text,
                m -> m.tone() == TlsViewModel.Tone.SUCCESS,
                m -> m.tone() == TlsViewModel.Tone.ERROR);
        VBox box =
                new VBox(8, selected, redirect, policyLine, addLine, addLine2, noPolicies, importBox, confirm, message);
        box.setPrefWidth(520);
        box.setMinWidth(480);
        return box;
    }

    /** Three PEM files (certificate, key, optional chain) chosen or typed, then checked and previewed. */
    private static Node importBox(TlsViewModel vm) {
        Label heading = new Label("Import a certificate (PEM)");
        heading.getStyleClass().add("preview-title");
        if (!vm.canImport()) {
            Label none = new Label("Importing needs a certificate store (ACM on AWS); the lab has none.");
            none.setId("importUnavailable");
            none.getStyleClass().add("muted");
            none.setWrapText(true);
            return new VBox(4, heading, none);
        }
        TextField certificate = pemField("importCertificatePath", "certificate .pem");
        TextField key = pemField("importKeyPath", "private key .pem");
        TextField chain = pemField("importChainPath", "chain .pem (optional)");
        Button preview = new Button("Check and preview");
        preview.setId("importPreviewButton");
        preview.setOnAction(e -> vm.previewImport(path(certificate), path(key), path(chain)));
        preview.disableProperty()
                .bind(certificate.textProperty().isEmpty().or(key.textProperty().isEmpty()));
        return new VBox(
                4,
                heading,
                browseLine(certificate, "Certificate"),
                browseLine(key, "Private key"),
                browseLine(chain, "Chain"),
                preview);
    }

    private static TextField pemField(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        HBox.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private static HBox browseLine(TextField field, String what) {
        Button browse = new Button("...");
        browse.setId(field.getId() + "Browse");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(what + " (PEM)");
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter("PEM", "*.pem", "*.crt", "*.key", "*.cer"),
                            new FileChooser.ExtensionFilter("All files", "*"));
            File chosen = chooser.showOpenDialog(field.getScene().getWindow());
            if (chosen != null) {
                field.setText(chosen.getPath());
            }
        });
        Label label = new Label(what);
        label.setMinWidth(80);
        HBox line = new HBox(6, label, field, browse);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private static Path path(TextField field) {
        String text = field.getText().strip();
        return text.isEmpty() ? null : Path.of(text);
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
}
