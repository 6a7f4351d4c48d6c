package dev.triage.console.security;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pops up a ControlsFX notification over the console's window when the ViewModel says a critical
 * alert is worth one, whichever screen shows; the security screen's banner shows it too.
 */
final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration SHOWN_FOR = Duration.seconds(10);

    private Notifier() {}

    /**
     * Hides the notifications still showing (every popup of the application): on exit, GTK crashes
     * closing a popup window the toolkit's exit finds still open.
     */
    static void hideAll() {
        for (Window window : java.util.List.copyOf(Window.getWindows())) {
            if (window instanceof javafx.stage.PopupWindow && window.isShowing()) {
                window.hide();
            }
        }
    }

    private static FontIcon icon() {
        FontIcon icon = new FontIcon(Material2MZ.REPORT);
        icon.setIconSize(32);
        icon.setIconColor(javafx.scene.paint.Color.web("#f85149"));
        return icon;
    }

    static void attach(Node view, SecurityViewModel vm) {
        vm.noticeProperty().subscribe(notice -> {
            if (notice == null || !notice.popup()) {
                return;
            }
            Window owner = view.getScene() != null && view.getScene().getWindow() != null
                    ? view.getScene().getWindow()
                    : Window.getWindows().stream()
                            .filter(Window::isShowing)
                            .findFirst()
                            .orElse(null);
            if (owner == null) {
                return;
            }
            try {
                Notifications.create()
                        .title("Critical security alert")
                        .text(notice.text())
                        .owner(owner)
                        .position(Pos.TOP_RIGHT)
                        .hideAfter(SHOWN_FOR)
                        .graphic(icon())
                        .darkStyle()
                        .show(); // not showError(): its image is read from the jar on the UI thread
            } catch (RuntimeException e) {
                // the banner on the security screen still shows it
                LOG.debug("could not show a notification", e);
            }
        });
    }
}
